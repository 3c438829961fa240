using Tracking.Domain.UseCases.ReceiveConversion;

namespace Tracking.Api.Features.Offers;

/// <summary>
/// Issue 12.1: how an advertiser signs its postbacks, with samples in curl (openssl), C#, Python, PHP and Node filled with
/// this product's address and the advertiser's signing secret (masked for an analyst). The samples are the files of
/// <c>Features/Offers/Signing</c>, which docs/integration/advertisers.md shows and the tests run.
/// </summary>
public sealed record SigningKit(bool Required, string Header, string CanonicalRequest, string Curl, string CSharp, string Python, string Php, string Node)
{
    public const string BaseUrlPlaceholder = "https://tracking.example.com";
    public const string SecretPlaceholder = "YOUR_SIGNING_SECRET";

    public static SigningKit For(string baseUrl, string secret, bool required)
    {
        string Sample(string file) => Read(file).Replace(BaseUrlPlaceholder, baseUrl, StringComparison.Ordinal)
            .Replace(SecretPlaceholder, secret.Length == 0 ? SecretPlaceholder : secret, StringComparison.Ordinal);
        return new SigningKit(required, $"{PostbackSignature.Header}: t=<unix seconds>,v1=<hex HMAC-SHA256>",
            "<t>\\n<METHOD>\\n<path>\\n<query: pairs RFC 3986-encoded, sorted by name then value, joined by &>\\n<body bytes>",
            Sample("sign_postback.sh"), Sample("PostbackSigner.cs"), Sample("sign_postback.py"), Sample("sign_postback.php"), Sample("sign_postback.js"));
    }

    /// <summary>A sample as shipped, placeholders included.</summary>
    public static string Read(string file)
    {
        using var stream = typeof(SigningKit).Assembly.GetManifestResourceStream("signing/" + file)
            ?? throw new InvalidOperationException($"The signing sample {file} is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
