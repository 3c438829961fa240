using CsCheck;
using Tracking.Domain.Clicks;
using Tracking.Testing;

namespace Tracking.Domain.Tests.Properties;

/// <summary>Issue 12.6: the click id codec over generated offers, affiliates, times, tampers and garbage.</summary>
public sealed class ClickIdCodecProperties
{
    private static readonly ClickIdCodec Codec = new(Enumerable.Range(7, 32).Select(i => (byte)i).ToArray());

    /// <summary>Millisecond times from 1970 to 9999: what 48 bits of milliseconds hold and DateTime can say.</summary>
    private static readonly Gen<DateTime> Time = Gen.Long[0, 253_402_300_799_999].Select(ms => DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime);

    [Fact]
    public void EveryIdReadsBackItsOfferAffiliateAndTime() =>
        Sampled.Check(Gen.Select(Gen.Int, Gen.Int, Time), t =>
        {
            var (offer, affiliate, at) = t;
            Assert.True(Codec.TryParse(Codec.Create(offer, affiliate, at), out var info));
            Assert.Equal(new ClickIdInfo(offer, affiliate, at), info);
        });

    [Fact]
    public void EverySingleCharacterChangeIsRejected() =>
        Sampled.Check(Gen.Select(Gen.Int, Gen.Int, Time, Gen.Int[0, ClickIdCodec.Length - 1], Gen.Char), t =>
        {
            var (offer, affiliate, at, position, replacement) = t;
            var id = Codec.Create(offer, affiliate, at);
            if (id[position] == replacement) return;
            var forged = id[..position] + replacement + id[(position + 1)..];
            Assert.False(Codec.TryParse(forged, out _), forged);
        }, iter: 5_000);

    [Fact]
    public void AnyOtherStringIsRejectedWithoutThrowing() =>
        Sampled.Check(Gen.OneOf(Gen.String, Gen.String[Gen.Char["-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz"], 36, 36]),
            text => Assert.False(Codec.TryParse(text, out _), text), iter: 5_000);

    [Fact]
    public void AnIdIsRejectedUnderAnyOtherKey() =>
        Sampled.Check(Gen.Select(Gen.Byte.Array[16, 64], Gen.Int, Time), t =>
        {
            var (key, offer, at) = t;
            var other = new ClickIdCodec(key);
            Assert.False(Codec.TryParse(other.Create(offer, 1, at), out _));
        }, iter: 500);
}
