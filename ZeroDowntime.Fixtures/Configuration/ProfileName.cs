namespace ZeroDowntime.Fixtures.Configuration;

/// <summary>Which set of timing defaults applies (<c>ZD_PROFILE</c>).</summary>
public enum ProfileName
{
    /// <summary><c>local</c>: compressed waits and windows for the embedded cluster.</summary>
    Local,

    /// <summary><c>production</c>: the reference suite's numbers.</summary>
    Production,
}
