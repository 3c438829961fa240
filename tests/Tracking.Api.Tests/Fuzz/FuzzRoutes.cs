using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace Tracking.Api.Tests.Fuzz;

public enum Area { Ingress, Api, Console, Other }

/// <summary>One method of one route of the running app, with the query names and JSON body the OpenAPI document gives it.</summary>
public sealed record FuzzRoute(string Method, string Template, RoutePattern Pattern, Area Area, string[] QueryNames, JsonElement? Body)
{
    public string Label => $"{Method} {Template}";
}

/// <summary>
/// Every route the app maps (minimal APIs, Razor pages, health, OpenAPI), read from its endpoint data source, so a new
/// endpoint is fuzzed without touching the fuzz; the OpenAPI document adds each operation's parameter names and body schema.
/// </summary>
public static partial class FuzzRoutes
{
    public static IReadOnlyList<FuzzRoute> Of(TrackingApp app, JsonElement openApi)
    {
        var routes = new List<FuzzRoute>();
        var sources = app.Services.GetRequiredService<EndpointDataSource>();
        foreach (var endpoint in sources.Endpoints.OfType<RouteEndpoint>())
        {
            var template = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is { Count: > 0 } m ? m : ["GET", "POST"];
            foreach (var method in methods)
            {
                var operation = Operation(openApi, template, method);
                routes.Add(new FuzzRoute(method, template, endpoint.RoutePattern, AreaOf(template), QueryNames(operation), BodySchema(openApi, operation)));
            }
        }
        return routes.DistinctBy(r => r.Label).OrderBy(r => r.Label, StringComparer.Ordinal).ToList();
    }

    /// <summary>Every parameter name the document knows: sent to any route now and then.</summary>
    public static string[] AllNames(JsonElement openApi) =>
        openApi.GetProperty("paths").EnumerateObject().SelectMany(p => p.Value.EnumerateObject())
            .Where(o => o.Value.ValueKind == JsonValueKind.Object && o.Value.TryGetProperty("parameters", out _))
            .SelectMany(o => o.Value.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()!))
            .Distinct().Order(StringComparer.Ordinal).ToArray();

    /// <summary>A <c>$ref</c> resolved against the document's components.</summary>
    public static JsonElement Resolve(JsonElement openApi, JsonElement schema)
    {
        for (var i = 0; i < 8 && schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("$ref", out var reference); i++)
        {
            var node = openApi;
            foreach (var part in reference.GetString()!.TrimStart('#', '/').Split('/')) node = node.GetProperty(part);
            schema = node;
        }
        return schema;
    }

    private static Area AreaOf(string template) => template switch
    {
        _ when template.StartsWith("/api/", StringComparison.Ordinal) => Area.Api,
        _ when template.StartsWith("/dashboard", StringComparison.Ordinal) => Area.Console,
        _ when template.StartsWith("/c/", StringComparison.Ordinal) || template.StartsWith("/p/", StringComparison.Ordinal)
            || template.StartsWith("/postback", StringComparison.Ordinal) || template == "/t.js" => Area.Ingress,
        _ => Area.Other,
    };

    private static JsonElement? Operation(JsonElement openApi, string template, string method)
    {
        var path = Constraint().Replace(template, "{$1}") is { Length: > 1 } p ? p.TrimEnd('/') : "/";
        return openApi.GetProperty("paths").TryGetProperty(path, out var item) && item.TryGetProperty(method.ToLowerInvariant(), out var op) ? op : null;
    }

    private static string[] QueryNames(JsonElement? operation) =>
        operation is { } op && op.TryGetProperty("parameters", out var parameters)
            ? parameters.EnumerateArray().Where(p => p.GetProperty("in").GetString() == "query").Select(p => p.GetProperty("name").GetString()!).ToArray()
            : [];

    private static JsonElement? BodySchema(JsonElement openApi, JsonElement? operation) =>
        operation is { } op && op.TryGetProperty("requestBody", out var body) && body.TryGetProperty("content", out var content)
            && content.TryGetProperty("application/json", out var json) && json.TryGetProperty("schema", out var schema)
            ? Resolve(openApi, schema) : null;

    [GeneratedRegex(@"\{\**([^}:=?]+)[^}]*\}")]
    private static partial Regex Constraint();
}
