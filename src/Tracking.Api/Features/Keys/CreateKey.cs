using Mediator;
using Microsoft.EntityFrameworkCore;
using Tracking.Api.Access;
using Tracking.Domain.Access;
using Tracking.Domain.Catalog;
using Tracking.Infrastructure.Persistence;

namespace Tracking.Api.Features.Keys;

/// <summary>The body of <c>POST /api/keys</c>: an advertiser's key names its advertiser, an affiliate's its affiliate, the others neither.</summary>
public sealed record CreateKey(string? Name, string? Role, int? AdvertiserId, int? AffiliateId) : ICommand<KeyDto>;

public sealed class CreateKeyHandler(TrackingDbContext db, TimeProvider time, Caller caller) : ICommandHandler<CreateKey, KeyDto>
{
    public const string InvalidRole = "invalid_role";
    public const string InvalidAdvertiserId = "invalid_advertiser_id";
    public const string InvalidAffiliateId = "invalid_affiliate_id";

    public async ValueTask<KeyDto> Handle(CreateKey command, CancellationToken ct)
    {
        caller.Require(Scope.AdminOnly);
        var role = command.Role?.Trim().ToLowerInvariant();
        if (role is null || !Roles.All.Contains(role))
            throw new DomainException(InvalidRole, $"role is one of {string.Join(", ", Roles.All)}.");
        await RequireTenantAsync(role == Roles.Advertiser, command.AdvertiserId, InvalidAdvertiserId, "advertiser_id", db.Advertisers.Select(a => a.Id), ct);
        await RequireTenantAsync(role == Roles.Affiliate, command.AffiliateId, InvalidAffiliateId, "affiliate_id", db.Affiliates.Select(a => a.Id), ct);
        var (row, key) = ApiKey.Issue(command.Name!, role, command.AdvertiserId, command.AffiliateId, time.GetUtcNow().UtcDateTime);
        db.ApiKeys.Add(row);
        await db.SaveChangesAsync(ct);
        return row.ToDto() with { Key = key };
    }

    /// <summary>The tenant id is required (and must exist) for its role and refused for every other role.</summary>
    private static async Task RequireTenantAsync(bool required, int? id, string reason, string field, IQueryable<int> ids, CancellationToken ct)
    {
        if (!required)
        {
            if (id is not null) throw new DomainException(reason, $"{field} is only for a key of that role.");
            return;
        }
        if (id is not { } value) throw new DomainException(reason, $"{field} is required for a key of this role.");
        if (!await ids.AnyAsync(x => x == value, ct)) throw new DomainException(reason, $"{field} {value} does not exist.");
    }
}
