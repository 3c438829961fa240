using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Tracking.Domain.Clicks;

/// <summary>
/// Click ids: 27 bytes (version, 48-bit millisecond time, offer, affiliate, 32 random bits, 64-bit HMAC-SHA256 tag)
/// written as 36 characters of an ASCII-ordered URL-safe base64 alphabet, so string order is time order and a
/// forged or mistyped id fails its tag without a database lookup. See docs/decisions/0002-click-ids.md.
/// </summary>
public sealed class ClickIdCodec
{
    public const int Length = 36;
    private const int ByteLength = 27;
    private const int SignedLength = 19;
    private const byte Version = 0x41;
    private const string Alphabet = "-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";
    private static readonly sbyte[] Reverse = BuildReverse();
    private readonly byte[] _key;

    public ClickIdCodec(byte[] key)
    {
        if (key.Length < 16) throw new ArgumentException("The click id key needs at least 16 bytes.", nameof(key));
        _key = key;
    }

    public string Create(int offerId, int affiliateId, DateTime clickedAtUtc)
    {
        Span<byte> bytes = stackalloc byte[ByteLength];
        bytes[0] = Version;
        var ms = new DateTimeOffset(clickedAtUtc, TimeSpan.Zero).ToUnixTimeMilliseconds();
        for (var i = 6; i >= 1; i--) { bytes[i] = (byte)ms; ms >>= 8; }
        BinaryPrimitives.WriteInt32BigEndian(bytes[7..], offerId);
        BinaryPrimitives.WriteInt32BigEndian(bytes[11..], affiliateId);
        RandomNumberGenerator.Fill(bytes.Slice(15, 4));
        Sign(bytes[..SignedLength], bytes[SignedLength..]);
        return Encode(bytes);
    }

    /// <summary>Checks shape and tag; on success tells offer, affiliate and click time.</summary>
    public bool TryParse(string? text, out ClickIdInfo info)
    {
        info = default;
        if (text is null || text.Length != Length) return false;
        Span<byte> bytes = stackalloc byte[ByteLength];
        if (!TryDecode(text, bytes) || bytes[0] != Version) return false;
        Span<byte> tag = stackalloc byte[ByteLength - SignedLength];
        Sign(bytes[..SignedLength], tag);
        if (!CryptographicOperations.FixedTimeEquals(tag, bytes[SignedLength..])) return false;
        long ms = 0;
        for (var i = 1; i <= 6; i++) ms = (ms << 8) | bytes[i];
        info = new ClickIdInfo(
            BinaryPrimitives.ReadInt32BigEndian(bytes[7..]),
            BinaryPrimitives.ReadInt32BigEndian(bytes[11..]),
            DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime);
        return true;
    }

    private void Sign(ReadOnlySpan<byte> payload, Span<byte> tag)
    {
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(_key, payload, mac);
        mac[..tag.Length].CopyTo(tag);
    }

    private static string Encode(ReadOnlySpan<byte> bytes) =>
        string.Create(Length, bytes.ToArray(), static (chars, b) =>
        {
            for (int i = 0, c = 0; i < ByteLength; i += 3)
            {
                var v = (b[i] << 16) | (b[i + 1] << 8) | b[i + 2];
                chars[c++] = Alphabet[(v >> 18) & 63];
                chars[c++] = Alphabet[(v >> 12) & 63];
                chars[c++] = Alphabet[(v >> 6) & 63];
                chars[c++] = Alphabet[v & 63];
            }
        });

    private static bool TryDecode(string text, Span<byte> bytes)
    {
        for (int i = 0, c = 0; i < ByteLength; i += 3)
        {
            var v = 0;
            for (var k = 0; k < 4; k++)
            {
                var ch = text[c++];
                var d = ch < 128 ? Reverse[ch] : -1;
                if (d < 0) return false;
                v = (v << 6) | d;
            }
            bytes[i] = (byte)(v >> 16);
            bytes[i + 1] = (byte)(v >> 8);
            bytes[i + 2] = (byte)v;
        }
        return true;
    }

    private static sbyte[] BuildReverse()
    {
        var table = Enumerable.Repeat((sbyte)-1, 128).ToArray();
        for (var i = 0; i < Alphabet.Length; i++) table[Alphabet[i]] = (sbyte)i;
        return table;
    }
}

public readonly record struct ClickIdInfo(int OfferId, int AffiliateId, DateTime ClickedAt);
