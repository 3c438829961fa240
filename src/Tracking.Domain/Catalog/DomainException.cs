namespace Tracking.Domain.Catalog;

/// <summary>A rule of the domain refused a change; <see cref="Reason"/> is the machine-readable code.</summary>
public sealed class DomainException(string reason, string message) : Exception(message)
{
    public string Reason { get; } = reason;
}
