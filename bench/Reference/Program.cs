// The bench reference: the same answers as the product's ingress endpoints (status, headers, body length and shape),
// on the same ASP.NET Core stack (Kestrel + minimal API routing), but with no database, no bus and no work.
// What the product reaches of this server's requests/s is the figure bench/run.sh reports.

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower);
var app = builder.Build();

// A click id has the product's length (36), so Location and both cookies have the product's lengths.
const string ClickId = "FF5X3BlVCk----3----003o3GZ_5DsXownIG";
const string Landing = "https://example.com/landing?click_id=" + ClickId + "&sub1=demo";
byte[] gif = Convert.FromBase64String("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

app.MapGet("/c/{offer_id:int}", (int offer_id, HttpContext http) =>
{
    var cookie = new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, MaxAge = TimeSpan.FromDays(30), Path = "/" };
    http.Response.Cookies.Append("_trk_o" + offer_id, ClickId, cookie);
    http.Response.Cookies.Append("_trk", ClickId, cookie);
    http.Response.Headers.CacheControl = "no-store";
    return Results.Redirect(Landing);
});

app.MapGet("/p/{offer_id:int}.gif", async (int offer_id, HttpContext http) =>
{
    http.Response.ContentType = "image/gif";
    http.Response.Headers.CacheControl = "no-store";
    await http.Response.Body.WriteAsync(gif);
});

// A hit id has the product's length (26).
app.MapGet("/postback", () => Results.Json(new Accepted("accepted", "01m88crr4jagyk20exg576p4cv")));

app.Run();

internal sealed record Accepted(string Status, string HitId);
