using Microsoft.AspNetCore.Http.HttpResults;

namespace Tracking.Api.Management;

public static class NotFound
{
    /// <summary>A 404 problem details with the reason <c>not_found</c>, for an unknown id in a route.</summary>
    public static ProblemHttpResult Problem(string what, int id) =>
        TypedResults.Problem(detail: $"No {what} has the id {id}.", statusCode: StatusCodes.Status404NotFound,
            extensions: new Dictionary<string, object?> { ["reason"] = "not_found" });
}
