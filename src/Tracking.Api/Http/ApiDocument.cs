using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Tracking.Api.Http;

/// <summary>Query parameters an endpoint reads itself (ingress reads its aliases by hand), named as clients send them.</summary>
public sealed record QueryParameters(IReadOnlyList<(string Name, string Description)> Parameters);

/// <summary>
/// The OpenAPI document from the endpoint declarations: title and description, the <c>X-Api-Key</c> scheme on every
/// <c>/api</c> operation (so the API reference's "try it" sends the key), each refusal's reasons under its status, and the
/// query parameters ingress reads by hand.
/// </summary>
public static class ApiDocument
{
    public const string ApiKeyScheme = "ApiKey";

    public const string Description =
        "Conversion tracking: clicks, pixels and postbacks in, deduplicated conversions with every discrepancy explained out. " +
        "The management API under /api takes an API key in the X-Api-Key header; its role (admin, analyst, advertiser, affiliate) decides what it sees. Every error is RFC 9457 problem details " +
        "with a machine-readable `reason`; each operation lists the reasons it can answer under each status.";

    /// <summary>Declares query parameters that the endpoint reads from the request itself.</summary>
    public static TBuilder Reads<TBuilder>(this TBuilder builder, params (string Name, string Description)[] parameters)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new QueryParameters(parameters));

    public static void Configure(OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo { Title = "Tracking", Version = "v1", Description = Description };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[ApiKeyScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = Access.ApiKeyHandler.Header,
                Description = "An API key: the bootstrap admin key (printed once on first start, or Tracking__AdminApiKey) or one made with POST /api/keys.",
            };
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            if (context.Description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true)
            {
                operation.Security ??= [];
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyScheme, context.Document)] = [] });
            }
            // The group's refusals (the API key) and the endpoint's own have different statuses; one status can still be declared twice.
            foreach (var byStatus in metadata.OfType<RefusalReasons>().GroupBy(r => r.Status))
                Describe(operation, byStatus.Key, byStatus.SelectMany(r => r.Reasons).Distinct());
            foreach (var declared in metadata.OfType<QueryParameters>())
                AddQuery(operation, declared);
            return Task.CompletedTask;
        });
    }

    private static void Describe(OpenApiOperation operation, int status, IEnumerable<string> reasons)
    {
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (operation.Responses?.TryGetValue(key, out var response) != true || response is not OpenApiResponse problem) return;
        problem.Description = $"{Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status)}: problem details whose `reason` is one of "
            + string.Join(", ", reasons.Select(r => $"`{r}`"));
    }

    private static void AddQuery(OpenApiOperation operation, QueryParameters declared)
    {
        operation.Parameters ??= [];
        foreach (var (name, description) in declared.Parameters)
        {
            if (operation.Parameters.Any(p => p.Name == name)) continue;
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = name,
                In = ParameterLocation.Query,
                Description = description,
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
        }
    }
}
