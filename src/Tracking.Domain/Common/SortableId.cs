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

    /// <summary>
    /// The smallest id of the millisecond <paramref name="utc"/> falls in (random part all zeros): every id made at or after
    /// that millisecond is ordinally greater or equal, every id made before it smaller. Lets a time range be read as an id range.
    /// </summary>
    public static string Floor(DateTime utc)
    {
        Span<byte> bytes = stackalloc byte[16];
        var ms = (ulong)Math.Max(0, new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc), TimeSpan.Zero).ToUnixTimeMilliseconds());
        for (var i = 5; i >= 0; i--) { bytes[i] = (byte)ms; ms >>= 8; }
        return Encode(bytes);
    }

    /// <summary>The millisecond a well-formed id was made in.</summary>
    public static DateTime TimeOf(string id)
    {
        ulong ms = 0;
        for (var i = 0; i < 10; i++) ms = (ms << 5) | (uint)Alphabet.IndexOf(id[i]);
        return DateTime.UnixEpoch.AddMilliseconds(ms);   // 10 characters are 50 bits: 2 zero bits, then the 48-bit time
    }

    /// <summary>True for a string this class could have made: 26 characters of its alphabet.</summary>
    public static bool IsWellFormed(string? text) => text is { Length: 26 } && text.AsSpan().IndexOfAnyExcept(Alphabet) < 0;

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
