using System.Net;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Tracking.Api.Tests.Fuzz;

/// <summary>
/// The state the fuzz starts from: offers whose landing host is known (one with macros in its path, query and fragment), a
/// sandbox offer for the API to change, real click ids, and a console session with its antiforgery token.
/// </summary>
public static partial class FuzzSetup
{
    public const string LandingHost = "shop.example";

    public static async Task<FuzzContext> PrepareAsync(TrackingApp app, CancellationToken ct)
    {
        var seeded = await app.OfferAsync();
        var macros = await app.OfferAsync(o => o.ChangeLandingUrl($"https://{LandingHost}/p/{{sub2}}/x?a={{sub1}}&src={{source}}&o={{offer_id}}#f{{sub3}}"));
        var sandbox = await app.OfferAsync();
        var client = app.Public();
        using var openApi = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json", ct));
        var clickIds = new List<string>();
        for (var i = 0; i < 8; i++) clickIds.Add((await client.ClickAsync(seeded)).ClickId);
        return new FuzzContext(Port(client), seeded, [seeded.OfferId, macros.OfferId], LandingHost, clickIds,
            FuzzRoutes.AllNames(openApi.RootElement), Handlers(), await SignInAsync(client, ct), openApi.RootElement.Clone())
        {
            SandboxOfferId = sandbox.OfferId,
        };
    }

    private static int Port(HttpClient client) => client.BaseAddress!.Port;

    /// <summary>Every page handler name (<c>OnPostStatusAsync</c> is <c>Status</c>), for <c>?handler=</c>.</summary>
    private static string[] Handlers() =>
        typeof(Program).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(PageModel)))
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Select(m => HandlerName().Match(m.Name)).Where(m => m.Success && m.Groups[1].Length > 0).Select(m => m.Groups[1].Value)
            .Append("Nope").Distinct().Order(StringComparer.Ordinal).ToArray();

    public static async Task<ConsoleSession> SignInAsync(HttpClient client, CancellationToken ct)
    {
        var (anonymousCookies, anonymousToken) = await FormAsync(client, "/dashboard/sign-in", "", ct);
        var signIn = new HttpRequestMessage(HttpMethod.Post, "/dashboard/sign-in")
        {
            Content = new FormUrlEncodedContent([new("__RequestVerificationToken", anonymousToken), new("key", TrackingApp.AdminKey)]),
        };
        signIn.Headers.Add("Cookie", anonymousCookies);
        var signedIn = await client.SendAsync(signIn, ct);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var session = Cookies(signedIn);
        var (cookies, token) = await FormAsync(client, "/dashboard/advertisers", session, ct);
        return new ConsoleSession($"{session}; {cookies}", token, anonymousCookies, anonymousToken);
    }

    /// <summary>A page's antiforgery cookie and form token.</summary>
    private static async Task<(string Cookies, string Token)> FormAsync(HttpClient client, string path, string cookies, CancellationToken ct)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (cookies.Length > 0) request.Headers.Add("Cookie", cookies);
        var page = await client.SendAsync(request, ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var token = Token().Match(await page.Content.ReadAsStringAsync(ct));
        Assert.True(token.Success, $"no antiforgery token on {path}");
        return (Cookies(page), WebUtility.HtmlDecode(token.Groups[1].Value));
    }

    private static string Cookies(HttpResponseMessage response) =>
        string.Join("; ", response.Headers.TryGetValues("Set-Cookie", out var values) ? values.Select(v => v.Split(';')[0]) : []);

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    [GeneratedRegex("^On(?:Post|Get)(\\w*?)(?:Async)?$")]
    private static partial Regex HandlerName();
}
