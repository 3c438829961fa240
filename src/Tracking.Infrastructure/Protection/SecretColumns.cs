using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Tracking.Domain.Catalog;

namespace Tracking.Infrastructure.Protection;

/// <summary>
/// Issue 12.4: the columns holding secrets the product must use or show again (postback tokens, signing secrets) are
/// encrypted with ASP.NET Core Data Protection, whose keys are rows of <c>data_protection_keys</c>, so every API and worker
/// process on the database reads what another wrote (decision 0018). Entities keep the plain value; only the column is
/// protected, by a value converter. An empty value stays empty (nothing to hide, and old rows have it).
/// </summary>
public sealed class SecretColumns(IDataProtectionProvider provider)
{
    /// <summary>Data Protection's payload header (magic number 0x09F0C9F0, version 0), base64url: how a protected value starts.</summary>
    public const string ProtectedPrefix = "CfDJ8";
    public const int MaxLength = 512;

    private readonly IDataProtector _protector = provider.CreateProtector("Tracking.SecretColumns.v1");

    public string Protect(string plain) => plain.Length == 0 ? "" : _protector.Protect(plain);

    public string Unprotect(string stored) => stored.Length == 0 ? "" : _protector.Unprotect(stored);

    public static bool IsProtected(string? stored) => stored is { Length: > 0 } && stored.StartsWith(ProtectedPrefix, StringComparison.Ordinal);

    /// <summary>Puts the converter on every secret column of the model.</summary>
    public void Apply(ModelBuilder model)
    {
        var converter = new ValueConverter<string, string>(v => Protect(v), v => Unprotect(v));
        var nullable = new ValueConverter<string?, string?>(v => v == null ? null : Protect(v), v => v == null ? null : Unprotect(v));
        model.Entity<Advertiser>().Property(a => a.PostbackToken).HasConversion(converter);
        model.Entity<Advertiser>().Property(a => a.SigningSecret).HasConversion(converter);
        model.Entity<Advertiser>().Property(a => a.PreviousSigningSecret).HasConversion(nullable);
        model.Entity<Affiliate>().Property(a => a.SigningSecret).HasConversion(converter);
        model.Entity<Affiliate>().Property(a => a.PreviousSigningSecret).HasConversion(nullable);
    }
}
