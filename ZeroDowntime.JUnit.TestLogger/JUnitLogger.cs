using Microsoft.VisualStudio.TestPlatform.ObjectModel;
using Microsoft.VisualStudio.TestPlatform.ObjectModel.Client;
using Microsoft.VisualStudio.TestPlatform.ObjectModel.Logging;

namespace ZeroDowntime.JUnit.TestLogger;

/// <summary>
/// VSTest logger that writes JUnit XML: one <c>testsuite</c> per test class, readable by Jenkins and GitLab.
/// </summary>
/// <example>
/// <code>
/// dotnet test --logger junit                                   # TestResults/&lt;assembly&gt;.junit.xml
/// dotnet test --logger "junit;LogFilePath=out/{assembly}.{framework}.xml"
/// dotnet test --logger "junit;LogFileName=results.xml"        # inside the results directory
/// </code>
/// </example>
[FriendlyName(FriendlyNameValue)]
[ExtensionUri(ExtensionUriValue)]
public sealed class JUnitLogger : ITestLoggerWithParameters
{
    /// <summary>The name used on the command line: <c>--logger junit</c>.</summary>
    public const string FriendlyNameValue = "junit";

    /// <summary>The logger's URI, also accepted by <c>--logger</c>.</summary>
    public const string ExtensionUriValue = "logger://zerodowntime/junit/v1";

    private readonly Lock _gate = new();
    private readonly List<TestResult> _results = [];
    private readonly List<string> _sources = [];
    private JUnitLoggerOptions _options = JUnitLoggerOptions.FromParameters(new Dictionary<string, string?>());

    /// <summary>The files written by the last completed run (for tests and diagnostics).</summary>
    public IReadOnlyList<string> WrittenFiles { get; private set; } = [];

    /// <inheritdoc/>
    public void Initialize(TestLoggerEvents events, string testRunDirectory)
        => Initialize(events, new Dictionary<string, string?> { [DefaultLoggerParameterNames.TestRunDirectory] = testRunDirectory });

    /// <inheritdoc/>
    public void Initialize(TestLoggerEvents events, Dictionary<string, string?> parameters)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(parameters);
        _options = JUnitLoggerOptions.FromParameters(parameters);
        events.TestRunStart += OnTestRunStart;
        events.TestResult += OnTestResult;
        events.TestRunComplete += OnTestRunComplete;
    }

    private void OnTestRunStart(object? sender, TestRunStartEventArgs e)
    {
        lock (_gate)
        {
            _sources.AddRange(e.TestRunCriteria?.Sources ?? []);
        }
    }

    private void OnTestResult(object? sender, TestResultEventArgs e)
    {
        lock (_gate)
        {
            _results.Add(e.Result);
        }
    }

    private void OnTestRunComplete(object? sender, TestRunCompleteEventArgs e)
    {
        List<TestResult> results;
        List<string> sources;
        lock (_gate)
        {
            results = [.. _results];
            sources = [.. _sources];
        }

        WrittenFiles = JUnitFileSet.Write(_options, results, sources, DateTimeOffset.UtcNow);
        foreach (var file in WrittenFiles)
        {
            Console.WriteLine($"JUnit results file: {file}");
        }
    }
}
