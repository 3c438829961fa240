using Tracking.Infrastructure.Persistence;

namespace Tracking.Api.Tests.Support;

/// <summary>
/// A running product whose database a test can read and seed: <see cref="TrackingApp"/> here, and the integration suite's
/// <c>ProductApp</c> on a server database. <see cref="Seed"/>, <see cref="Eventually"/> and <see cref="Ingress"/> work
/// on either (the integration suite compiles these files in).
/// </summary>
public interface IProductHost
{
    /// <summary>Runs <paramref name="work"/> with a DbContext of the running app.</summary>
    Task<T> WithDb<T>(Func<TrackingDbContext, Task<T>> work);
}
