using System.Security.Cryptography;
using System.Text;
using Tracking.Domain.Catalog;
using Tracking.Domain.Common;
using Tracking.Domain.Conversions;
using Tracking.Domain.Forwarding;

namespace Tracking.Domain.Tests;

/// <summary>SPEC 5 rules: macros, the retry schedule, the signature, what one attempt does to a delivery.</summary>
public sealed class ForwardingRuleTests
{
    private static readonly DateTime T0 = new(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc);
    private static readonly RetrySchedule Schedule = new(TimeSpan.FromSeconds(30), TimeSpan.FromHours(1), TimeSpan.FromHours(72));

    [Fact]
    public void MacrosAreFilledUrlEncodedAndEveryKnownMacroIsAccepted()
    {
        var values = new Dictionary<string, string?> { ["sub1"] = "a b&c=d/é", ["amount"] = "10.5", ["order_id"] = null };
        Assert.Equal("https://p.example/pb?s=a%20b%26c%3Dd%2F%C3%A9&a=10.5&o=",
            ForwardingMacros.Expand("https://p.example/pb?s={sub1}&a={amount}&o={order_id}", values));
        var all = "https://p.example/?" + string.Join("&", ForwardingMacros.Names.Select(n => $"{n}={{{n}}}"));
        Assert.Equal(all, ForwardingMacros.RequireTemplate(all, "url"));
        Assert.Equal(23, ForwardingMacros.Names.Count);
    }

    [Theory]
    [InlineData("https://p.example/pb?x={clickid}", Reasons.UnknownMacro)]
    [InlineData("https://p.example/pb?x={click_id}&y={payout_usd}", Reasons.UnknownMacro)]
    [InlineData("partner.example/pb", Reasons.InvalidUrl)]
    [InlineData("javascript:alert(1)", Reasons.InvalidUrl)]
    [InlineData("https://{source}/pb", Reasons.InvalidUrl)]
    [InlineData("https://p{sub1}.example/pb", Reasons.InvalidUrl)]
    [InlineData("", Reasons.InvalidUrl)]
    public void BadTemplatesAreRefusedWithTheirReason(string url, string reason) =>
        Assert.Equal(reason, Assert.Throws<DomainException>(() => ForwardingMacros.RequireTemplate(url, "url")).Reason);

    [Theory]
    [InlineData(200, AttemptVerdict.Succeeded)]
    [InlineData(204, AttemptVerdict.Succeeded)]
    [InlineData(null, AttemptVerdict.Retry)]
    [InlineData(408, AttemptVerdict.Retry)]
    [InlineData(429, AttemptVerdict.Retry)]
    [InlineData(500, AttemptVerdict.Retry)]
    [InlineData(503, AttemptVerdict.Retry)]
    [InlineData(302, AttemptVerdict.Failed)]
    [InlineData(400, AttemptVerdict.Failed)]
    [InlineData(404, AttemptVerdict.Failed)]
    [InlineData(410, AttemptVerdict.Gone)]
    public void AnswersAreClassifiedAsSpec5Says(int? status, AttemptVerdict verdict) => Assert.Equal(verdict, RetrySchedule.Classify(status));

    [Fact]
    public void BackoffDoublesWithJitterUpToTheCap()
    {
        for (var attempt = 1; attempt <= 12; attempt++)
        {
            var full = TimeSpan.FromSeconds(Math.Min(3600, 30 * Math.Pow(2, attempt - 1)));
            Assert.Equal(T0 + full / 2, Schedule.Next(attempt, T0, T0, null, 0));
            Assert.Equal(T0 + full, Schedule.Next(attempt, T0, T0, null, 1));
            var jittered = Schedule.Next(attempt, T0, T0, null, 0.37)!.Value - T0;
            Assert.InRange(jittered, full / 2, full);
        }
    }

    [Fact]
    public void ALongerRetryAfterIsHonouredAndNothingIsTriedAfter72Hours()
    {
        Assert.Equal(T0 + TimeSpan.FromMinutes(10), Schedule.Next(1, T0, T0, TimeSpan.FromMinutes(10), 0.5));
        Assert.Equal(T0 + TimeSpan.FromSeconds(22.5), Schedule.Next(1, T0, T0, TimeSpan.FromSeconds(1), 0.5));
        var late = T0 + TimeSpan.FromHours(71.9);
        Assert.Equal(T0 + TimeSpan.FromHours(72), Schedule.Next(50, T0, late, null, 0.5));
        Assert.Null(Schedule.Next(51, T0, T0 + TimeSpan.FromHours(72), null, 0.5));
    }

    [Fact]
    public void TheSignatureIsHmacSha256OfTimestampDotPayloadInLowerHex()
    {
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData("s3cret"u8.ToArray(), "1700000000.{\"a\":1}"u8.ToArray()));
        Assert.Equal(expected, DeliverySignature.Compute("s3cret", 1700000000, "{\"a\":1}"));
        var header = DeliverySignature.HeaderValue(1700000000, "{\"a\":1}", ["new", "old"]);
        Assert.Matches("^t=1700000000,v1=[0-9a-f]{64},v1=[0-9a-f]{64}$", header);
        var now = DateTimeOffset.FromUnixTimeSeconds(1700000060);
        Assert.True(DeliverySignature.Verify(header, "old", "{\"a\":1}", now, TimeSpan.FromMinutes(5)));
        Assert.True(DeliverySignature.Verify(header, "new", "{\"a\":1}", now, TimeSpan.FromMinutes(5)));
        Assert.False(DeliverySignature.Verify(header, "other", "{\"a\":1}", now, TimeSpan.FromMinutes(5)));
        Assert.False(DeliverySignature.Verify(header, "new", "{\"a\":2}", now, TimeSpan.FromMinutes(5)));
        Assert.False(DeliverySignature.Verify(header, "new", "{\"a\":1}", now.AddHours(1), TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public void ARotatedSecretKeepsSigningForItsGracePeriodOnly()
    {
        var affiliate = new Affiliate("P", T0);
        var first = affiliate.SigningSecret;
        affiliate.RotateSecret(T0);
        Assert.Equal([affiliate.SigningSecret, first], affiliate.SecretsAt(T0 + TimeSpan.FromHours(23)));
        Assert.Equal([affiliate.SigningSecret], affiliate.SecretsAt(T0 + Affiliate.SecretGrace));
    }

    [Fact]
    public void AnAttemptMovesTheDeliveryOnAndLogsItself()
    {
        var template = new ForwardingTemplate(1, null, null, Trigger.Approved, ForwardingMethod.Get, "https://p.example/pb", null, false, T0);
        var delivery = new Delivery("d1", "c1", template, DeliveryKind.Forward, 7, "https://P.example/pb", null, T0);
        Assert.Equal("p.example", delivery.Host);
        Assert.Equal(AttemptVerdict.Retry, delivery.Record(new AttemptResult(503, null, 12, "busy"), Schedule, false, T0, 0));
        Assert.Equal((DeliveryState.Pending, T0 + TimeSpan.FromSeconds(15)), (delivery.State, delivery.NextAttemptAt));
        Assert.Equal(AttemptVerdict.Retry, delivery.Record(new AttemptResult(null, "network: refused", 1, null), Schedule, true, T0, 0));
        Assert.Equal(DeliveryState.Paused, delivery.State);
        Assert.Equal(AttemptVerdict.Succeeded, delivery.Record(new AttemptResult(200, null, 5, "ok"), Schedule, false, T0, 0));
        Assert.Equal((DeliveryState.Succeeded, (DateTime?)null, (string?)null), (delivery.State, delivery.NextAttemptAt, delivery.LastError));
        Assert.Equal([503, null, 200], delivery.Attempts.Select(a => a.StatusCode));
        delivery.Replay(T0 + TimeSpan.FromDays(5));
        Assert.Equal(DeliveryState.Pending, delivery.State);
        Assert.Equal(AttemptVerdict.Failed, delivery.Record(new AttemptResult(503, null, 5, null), Schedule, false, T0 + TimeSpan.FromDays(8), 0));
        Assert.Equal("HTTP 503", delivery.LastError);
    }

    [Fact]
    public async Task TheWorkerAnnouncesCreatedAndStatusChangedConversionsOncePerChunk()
    {
        var w = new World();
        var click = w.Click();
        var first = w.Hit(Method.Postback, click.Id, orderId: "A");
        var duplicate = w.Hit(Method.Postback, click.Id, orderId: "A");
        var second = w.Hit(Method.Postback, click.Id, orderId: "B");
        await w.Processor.ProcessAsync([first.Id, duplicate.Id, second.Id], CancellationToken.None);
        var message = Assert.Single(w.Events.Messages);
        Assert.Equal(w.Store.Conversions.Select(c => c.Id).Order(), message.Order());
        Assert.All(w.Store.Conversions, c => Assert.NotNull(c.ForwardDueAt));
        w.Store.Conversions.ForEach(c => c.ForwardingPlanned());
        var rejected = w.Hit(Method.Postback, click.Id, orderId: "A", status: "rejected");
        await w.Process(rejected);
        Assert.Equal(ConversionStatus.Rejected, w.Store.Conversions.Single(c => c.OrderId == "A").Status);
        Assert.Equal([w.Store.Conversions.Single(c => c.OrderId == "A").Id], w.Events.Messages[^1]);
    }

    [Fact]
    public async Task AConversionOfAnAffiliateWithoutTemplatesIsNeitherMarkedNorAnnounced()
    {
        var w = new World();
        w.Store.Forwarded = [];
        var click = w.Click();
        await w.Processor.ProcessAsync([w.Hit(Method.Postback, click.Id, orderId: "A").Id, w.Hit(Method.Postback, click.Id, orderId: "B").Id], CancellationToken.None);
        await w.Process(w.Hit(Method.Postback, click.Id, orderId: "A", status: "rejected"));
        Assert.Equal(2, w.Store.Conversions.Count);
        Assert.All(w.Store.Conversions, c => Assert.Null(c.ForwardDueAt));
        Assert.Equal(ConversionStatus.Rejected, w.Store.Conversions.Single(c => c.OrderId == "A").Status);
        Assert.Empty(w.Events.Messages);

        // Once the affiliate (3, the click's) has a template, the next change is marked and announced again.
        w.Store.Forwarded = [3];
        await w.Process(w.Hit(Method.Postback, click.Id, orderId: "B", status: "rejected"));
        var b = w.Store.Conversions.Single(c => c.OrderId == "B");
        Assert.NotNull(b.ForwardDueAt);
        Assert.Equal([b.Id], Assert.Single(w.Events.Messages));
        Assert.Null(w.Store.Conversions.Single(c => c.OrderId == "A").ForwardDueAt);
    }
}
