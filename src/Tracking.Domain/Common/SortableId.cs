using System.Security.Cryptography;

namespace Tracking.Domain.Common;

/// <summary>
/// Time-ordered 26-character ids (48-bit millisecond timestamp + 80 random bits, Crockford base32),
/// the ULID layout: ordinal string order is creation order, so ids double as a paging cursor.
/// </summary>
public static class SortableId
{
    private const string Alphabet = "0123456789abcdefghjkmnpqrstvwxyz";

    public static string New(DateTime utcNow)
    {
        Span<byte> bytes = stackalloc byte[16];
        var ms = (ulong)new DateTimeOffset(utcNow, TimeSpan.Zero).ToUnixTimeMilliseconds();
        for (var i = 5; i >= 0; i--) { bytes[i] = (byte)ms; ms >>= 8; }
        RandomNumberGenerator.Fill(bytes[6..]);
        return Encode(bytes);
    }

    private static string Encode(ReadOnlySpan<byte> bytes)
    {
        var hi = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes);
        var lo = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]);
        var value = new UInt128(hi, lo);
        return string.Create(26, value, static (chars, v) =>
        {
            for (var i = 25; i >= 0; i--) { chars[i] = Alphabet[(int)(v & 31)]; v >>= 5; }
        });
    }
}
