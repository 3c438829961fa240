using System.Net;
using System.Text;

namespace Tracking.Api.Tests.Fuzz;

/// <summary>What the HTTP fuzz found answering 500 (issue 12.6), each pinned by one request.</summary>
public sealed class FuzzFindingsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task APostbackWhoseMultipartBodyEndsBeforeItsClosingBoundaryIsAnInvalidBody()
    {
        await using var app = new TrackingApp();
        var content = new ByteArrayContent(Encoding.ASCII.GetBytes("--b\r\nContent-Disposition: form-data; name=\"click_id\"\r\n\r\nabc\r\n"));
        content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=b");
        var response = await app.Public().PostAsync("/postback", content, Ct);
        await response.AssertProblem(HttpStatusCode.BadRequest, "invalid_body");
    }

    [Fact]
    public async Task AJsonStringEscapingALoneSurrogateIsAnInvalidPostbackBodyAndThePixelBeaconStillAnswers()
    {
        await using var app = new TrackingApp();
        const string body = "{\"click_id\":\"\\ud800\",\"offer_id\":\"1\"}";
        var postback = await app.Public().PostAsync("/postback", new StringContent(body, Encoding.UTF8, "application/json"), Ct);
        await postback.AssertProblem(HttpStatusCode.BadRequest, "invalid_body");
        var beacon = await app.Public().PostAsync("/p/collect", new StringContent(body, Encoding.UTF8, "text/plain"), Ct);
        Assert.Equal(HttpStatusCode.OK, beacon.StatusCode);
    }

    [Fact]
    public async Task AReconciliationUploadNamingMultipartWithoutABoundaryIsAnInvalidCsv()
    {
        await using var app = new TrackingApp();
        var seeded = await app.OfferAsync();
        var content = new ByteArrayContent("order_id,amount\r\no1,5\r\n"u8.ToArray());
        content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data");
        var response = await app.Api().PostAsync($"/api/offers/{seeded.OfferId}/reconciliations", content, Ct);
        await response.AssertProblem(HttpStatusCode.BadRequest, "invalid_csv");
    }

    [Fact]
    public async Task AConsolePageAnswersAMethodOrHandlerItDoesNotHaveWith405Or404()
    {
        await using var app = new TrackingApp();
        var client = app.Public();
        var session = await FuzzSetup.SignInAsync(client, Ct);
        async Task<HttpStatusCode> SendAsync(HttpMethod method, string path)
        {
            var request = new HttpRequestMessage(method, path);
            request.Headers.Add("Cookie", session.Cookies);
            if (method == HttpMethod.Post) request.Content = new FormUrlEncodedContent([new("__RequestVerificationToken", session.Token)]);
            return (await client.SendAsync(request, Ct)).StatusCode;
        }

        Assert.Equal(HttpStatusCode.MethodNotAllowed, await SendAsync(HttpMethod.Post, "/dashboard/hits/h1"));
        Assert.Equal(HttpStatusCode.NotFound, await SendAsync(HttpMethod.Get, "/dashboard/hits/h1?handler=Nope"));
        Assert.Equal(HttpStatusCode.OK, await SendAsync(HttpMethod.Get, "/dashboard/hits"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/dashboard/sign-in", Ct)).StatusCode);
    }
}
