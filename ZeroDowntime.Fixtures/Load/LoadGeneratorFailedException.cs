namespace ZeroDowntime.Fixtures.Load;

/// <summary>
/// The load generator itself failed (its image could not be pulled, it crashed, ran out of memory,
/// never started or ended without a summary), after its one retry. The run says nothing about the
/// service: the message says so in its first words, with the evidence.
/// </summary>
public sealed class LoadGeneratorFailedException : Exception
{
    /// <summary>Creates the exception; <paramref name="tries"/> lists each try's failure with its evidence.</summary>
    public LoadGeneratorFailedException(string generator, IReadOnlyList<string> tries, Exception? innerException = null)
        : this(generator, tries, null, innerException)
    {
    }

    /// <summary>Creates the exception; <paramref name="hint"/>, when given, ends the message (what the user can do).</summary>
    public LoadGeneratorFailedException(string generator, IReadOnlyList<string> tries, string? hint, Exception? innerException = null)
        : base(Compose(generator, tries) + (hint is null ? "" : Environment.NewLine + hint), innerException)
    {
        Generator = generator;
        Tries = tries;
    }

    /// <summary>The generator that failed (<c>k6</c>).</summary>
    public string Generator { get; }

    /// <summary>One entry per try: what failed and the evidence (pod phase, container state, last log lines, events).</summary>
    public IReadOnlyList<string> Tries { get; }

    private static string Compose(string generator, IReadOnlyList<string> tries)
    {
        ArgumentNullException.ThrowIfNull(tries);
        var header = $"The LOAD GENERATOR ({generator}) failed, not the service under test: no verdict about the service can be drawn from this run. " +
            $"It was tried {tries.Count} time{(tries.Count == 1 ? "" : "s")}.";
        return string.Join(Environment.NewLine, tries.Select((t, i) => $"Try {i + 1}: {t}").Prepend(header));
    }
}
