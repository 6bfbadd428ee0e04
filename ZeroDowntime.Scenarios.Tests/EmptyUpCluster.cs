namespace ZeroDowntime.Scenarios.Tests;

/// <summary><c>up</c> with no manifests: <c>ready</c> at once, and a test applies whatever target it needs through the API.</summary>
public sealed class EmptyUpCluster : UpCluster
{
    private static readonly string Folder = Directory.CreateTempSubdirectory("zd-up-empty-").FullName;

    /// <summary>Created by xUnit.</summary>
    public EmptyUpCluster()
        : base(Folder)
    {
    }

    /// <inheritdoc />
    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(Folder, recursive: true);
    }
}
