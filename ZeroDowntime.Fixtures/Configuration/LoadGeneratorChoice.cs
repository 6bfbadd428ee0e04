namespace ZeroDowntime.Fixtures.Configuration;

/// <summary>Which load generator carries the scenario load (<c>ZD_LOAD</c>).</summary>
public enum LoadGeneratorChoice
{
    /// <summary><c>auto</c>: k6 as an in-cluster Job on a real cluster, the built-in generator on the embedded one.</summary>
    Auto,

    /// <summary><c>k6</c>: always the k6 Job.</summary>
    K6,

    /// <summary><c>builtin</c>: always the in-process generator.</summary>
    Builtin,
}
