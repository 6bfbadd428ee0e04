namespace ZeroDowntime.Fixtures.Reporting;

/// <summary>
/// The file operations the reports use. The default is the real file system; tests override a member to make
/// the disk "fill" (throw an <see cref="IOException"/> with HResult ENOSPC) without filling a real disk.
/// </summary>
public class ReportFileSystem
{
    /// <summary>The real file system.</summary>
    public static ReportFileSystem Default { get; } = new();

    /// <summary>Opens <paramref name="path"/> for writing from the start (created or truncated).</summary>
    public virtual Stream Create(string path) => new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read);

    /// <summary>Opens <paramref name="path"/> for appending (created if missing).</summary>
    public virtual Stream Append(string path) => new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);

    /// <summary>Renames <paramref name="source"/> over <paramref name="destination"/>.</summary>
    public virtual void Replace(string source, string destination) => File.Move(source, destination, overwrite: true);

    /// <summary>Deletes <paramref name="path"/> if it exists.</summary>
    public virtual void Delete(string path) => File.Delete(path);
}
