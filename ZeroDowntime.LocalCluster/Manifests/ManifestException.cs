namespace ZeroDowntime.LocalCluster.Manifests;

/// <summary>A manifest that cannot be loaded or applied; the message is one sentence naming the file and document.</summary>
public sealed class ManifestException : Exception
{
    /// <summary>Creates the error.</summary>
    public ManifestException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
