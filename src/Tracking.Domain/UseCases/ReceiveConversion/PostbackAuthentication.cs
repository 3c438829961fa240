using System.Net;
using System.Security.Cryptography;
using System.Text;
using Tracking.Domain.Attribution;
using Tracking.Domain.Catalog;
using Tracking.Domain.Common;

namespace Tracking.Domain.UseCases.ReceiveConversion;

/// <summary>
/// Issue 12.1: the checks an advertiser's postbacks pass, in order: the address (<c>ip_not_allowed</c>, 403), the token
/// (<c>token_missing</c> 401, <c>token_invalid</c> 403), the signature (<c>signature_invalid</c>, 401). Which apply is the
/// advertiser's setting; none reads the database except the replay ledger, for signed postbacks only.
/// </summary>
public sealed class PostbackAuthentication(ISignatureLedger ledger, TimeProvider time)
{
    public readonly record struct Refusal(string Reason, string Detail);

    public async ValueTask<Refusal?> RefuseAsync(AdvertiserInfo? advertiser, ConversionReceived c, CancellationToken ct)
    {
        if (advertiser is null)
            return string.IsNullOrEmpty(c.Token) ? MissingToken : new Refusal(Reasons.TokenInvalid, "the token is not this offer's advertiser's postback token");
        var checks = advertiser.Checks;
        IPAddress.TryParse(c.Ip, out var address);
        if (!IpAllowlist.Allows(checks.AllowedNetworks, address))
            return new Refusal(Reasons.IpNotAllowed, $"{c.Ip ?? "an unknown address"} is not in the advertiser's allowed_ips");
        if (checks.RequireToken)
        {
            if (string.IsNullOrEmpty(c.Token)) return MissingToken;
            if (!TokenMatches(advertiser.PostbackTokenHash, c.Token))
                return new Refusal(Reasons.TokenInvalid, "the token is not this offer's advertiser's postback token");
        }
        return checks.RequireSignature ? await CheckSignatureAsync(checks, c.Signed, ct) : null;
    }

    private async ValueTask<Refusal?> CheckSignatureAsync(InboundChecks checks, SignedRequest? request, CancellationToken ct)
    {
        if (request is null) return new Refusal(Reasons.SignatureInvalid, $"the {PostbackSignature.Header} header is required");
        var now = time.GetUtcNow();
        var check = PostbackSignature.Verify(request, checks.SecretsAt(now.UtcDateTime), now);
        if (!check.Valid) return new Refusal(Reasons.SignatureInvalid, check.Detail);
        // Kept until the timestamp leaves the tolerance: after that the timestamp check refuses it by itself.
        var expires = DateTimeOffset.FromUnixTimeSeconds(check.Timestamp).UtcDateTime + PostbackSignature.Tolerance;
        return await ledger.TryClaimAsync(check.Signature!, expires, ct) ? null
            : new Refusal(Reasons.SignatureInvalid, "this signature was already used: the request is a replay (sign every request, and every retry, anew)");
    }

    private static readonly Refusal MissingToken = new(Reasons.TokenMissing, "the advertiser token is required (token or X-Tracking-Token)");

    private static bool TokenMatches(string expectedHash, string token) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expectedHash), Encoding.ASCII.GetBytes(Advertiser.HashOf(token)));
}
