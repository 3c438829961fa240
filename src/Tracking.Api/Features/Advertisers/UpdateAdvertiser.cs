using Mediator;
using Tracking.Api.Access;
using Tracking.Domain.Attribution;
using Tracking.Infrastructure.Persistence;

namespace Tracking.Api.Features.Advertisers;

/// <summary>Renames, rotates the postback token, replaces the status words, allows postback payouts; absent fields stay as they are.</summary>
public sealed record UpdateAdvertiser(int Id, string? Name, bool RotateToken) : ICommand<AdvertiserDto?>
{
    public IReadOnlyDictionary<string, string?>? StatusWords { get; init; }
    public bool? PostbackSetsPayout { get; init; }
    /// <summary>Issue 12.1: which checks its postbacks pass; null leaves each as it is.</summary>
    public bool? RequireToken { get; init; }
    public bool? RequireSignature { get; init; }
    public IReadOnlyList<string?>? AllowedIps { get; init; }
    public bool RotateSigningSecret { get; init; }
}

public sealed class UpdateAdvertiserHandler(TrackingDbContext db, ICatalog catalog, TimeProvider time, Caller caller) : ICommandHandler<UpdateAdvertiser, AdvertiserDto?>
{
    public async ValueTask<AdvertiserDto?> Handle(UpdateAdvertiser command, CancellationToken ct)
    {
        caller.Require(Scope.AdminOnly);
        var advertiser = await db.Advertisers.FindAsync([command.Id], ct);
        if (advertiser is null) return null;
        if (command.Name is not null) advertiser.Rename(command.Name);
        if (command.RotateToken) advertiser.RotateToken();
        if (command.StatusWords is not null) advertiser.SetStatusWords(command.StatusWords);
        if (command.PostbackSetsPayout is { } allowed) advertiser.AllowPostbackPayout(allowed);
        advertiser.SetAuthentication(command.RequireToken, command.RequireSignature, command.AllowedIps);
        if (command.RotateSigningSecret) advertiser.RotateSigningSecret(time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        catalog.Invalidate();
        return advertiser.ToDto();
    }
}
