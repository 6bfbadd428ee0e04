using ZeroDowntime.Fixtures.Reporting;

namespace ZeroDowntime.Fixtures.Tests.Reporting;

/// <summary>A file system whose disk "fills" for the named files: creating or appending to them throws ENOSPC as Linux does.</summary>
internal sealed class FullDisk(params string[] fullFor) : ReportFileSystem
{
    /// <summary>errno ENOSPC on Linux; .NET puts the errno in HResult of the IOException it throws.</summary>
    public const int Enospc = 28;

    /// <summary>Only appends fail: the file was created while there was room.</summary>
    public bool FillsAfterCreation { get; init; }

    public override Stream Create(string path) => (FillsAfterCreation ? null : Refuse(path)) ?? base.Create(path);

    public override Stream Append(string path) => Refuse(path) ?? base.Append(path);

    private Stream? Refuse(string path) =>
        fullFor.Contains(Path.GetFileName(path), StringComparer.Ordinal)
            ? throw new IOException($"No space left on device : '{path}'", Enospc)
            : null;
}
