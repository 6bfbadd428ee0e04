namespace ZeroDowntime.Fixtures.Configuration;

/// <summary>
/// The settings are invalid. <see cref="Problems"/> holds one sentence per problem, each naming the
/// setting, the value and what is allowed; the message lists them all.
/// </summary>
public sealed class ZeroDowntimeConfigurationException : Exception
{
    /// <summary>Creates the exception from one or more problem sentences.</summary>
    public ZeroDowntimeConfigurationException(IReadOnlyList<string> problems)
        : base(Compose(problems))
    {
        Problems = problems;
    }

    /// <summary>Every problem found, one sentence each, in a stable order.</summary>
    public IReadOnlyList<string> Problems { get; }

    private static string Compose(IReadOnlyList<string> problems)
    {
        ArgumentOutOfRangeException.ThrowIfZero(problems.Count);
        return problems.Count == 1
            ? problems[0]
            : $"{problems.Count} configuration problems (see docs/configuration.md):{Environment.NewLine}" +
              string.Join(Environment.NewLine, problems.Select(p => "- " + p));
    }
}
