namespace Tracking.Testing;

/// <summary>Where the repository and the hosts built beside the running test assembly are.</summary>
public static class Repository
{
    /// <summary>The folder holding <c>Tracking.sln</c>, above the test assembly.</summary>
    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Tracking.sln"))) return dir.FullName;
        throw new InvalidOperationException("Tracking.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>The configuration the test assembly was built in (<c>Debug</c> or <c>Release</c>), which the hosts share.</summary>
    public static string BuildConfiguration =>
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";

    /// <summary>The host's own build output (its deps and runtimeconfig beside it), in the test assembly's configuration.</summary>
    public static string HostDll(string project)
    {
        var dll = Path.Combine(Root(), "src", project, "bin", BuildConfiguration, "net10.0", project + ".dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build src/{project} first", dll);
    }
}
