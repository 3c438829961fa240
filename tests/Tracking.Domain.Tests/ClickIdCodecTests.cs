using Tracking.Domain.Clicks;

namespace Tracking.Domain.Tests;

public sealed class ClickIdCodecTests
{
    private static readonly ClickIdCodec Codec = new(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
    private static readonly DateTime At = new(2026, 11, 25, 10, 30, 15, 123, DateTimeKind.Utc);

    [Fact]
    public void AValidClickIdTellsItsOfferAffiliateAndTime()
    {
        var id = Codec.Create(42, 7, At);
        Assert.True(Codec.TryParse(id, out var info));
        Assert.Equal(new ClickIdInfo(42, 7, At), info);
    }

    [Fact]
    public void ClickIdsAreShortUrlSafeAndUnique()
    {
        var ids = Enumerable.Range(0, 10_000).Select(_ => Codec.Create(int.MaxValue, int.MaxValue, At)).ToList();
        Assert.All(ids, id => Assert.True(id.Length <= 40 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'), id));
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void ClickIdsSortInTimeOrder()
    {
        var times = Enumerable.Range(0, 200).Select(i => At.AddMilliseconds(i * 977L * i)).ToList();
        var ids = times.Select((t, i) => Codec.Create(1000 - i, i, t)).ToList();
        Assert.Equal(ids, ids.OrderBy(id => id, StringComparer.Ordinal).ToList());
    }

    [Fact]
    public void EveryOneCharacterChangeIsRecognisedAsForged()
    {
        var id = Codec.Create(5, 6, At);
        for (var i = 0; i < id.Length; i++)
        {
            var replacement = id[i] == 'A' ? 'B' : 'A';
            var forged = id[..i] + replacement + id[(i + 1)..];
            Assert.False(Codec.TryParse(forged, out _), $"position {i}");
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("FAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA!")]
    [InlineData("éAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void MalformedClickIdsAreRejectedWithoutThrowing(string? text) => Assert.False(Codec.TryParse(text, out _));

    [Fact]
    public void AnIdSignedWithAnotherKeyIsRejected()
    {
        var other = new ClickIdCodec(Enumerable.Range(2, 32).Select(i => (byte)i).ToArray());
        Assert.False(Codec.TryParse(other.Create(5, 6, At), out _));
    }
}
