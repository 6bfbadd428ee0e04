using System.Collections.Concurrent;
using System.Reflection;
using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace ZeroDowntime.Fixtures.Tests.Xunit;

/// <summary>Discovers and runs a test assembly in-process through a real xUnit v2 framework, recording every message.</summary>
internal static class XunitHarness
{
    /// <summary>Named deadline for one in-process discovery or run of the small demo assembly.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    /// <summary>Discovers every test case in <paramref name="assembly"/>.</summary>
    public static async Task<IReadOnlyList<IXunitTestCase>> DiscoverAsync(Assembly assembly)
    {
        var sink = new RecordingSink<IDiscoveryCompleteMessage>();
        using var framework = new XunitTestFramework(sink);
        using var discoverer = framework.GetDiscoverer(Reflector.Wrap(assembly));
        discoverer.Find(includeSourceInformation: false, sink, new FrameworkOptions());
        await sink.Finished.Task.WaitAsync(Deadline);
        return sink.Messages.OfType<ITestCaseDiscoveryMessage>().Select(m => (IXunitTestCase)m.TestCase).ToList();
    }

    /// <summary>Runs <paramref name="testCases"/> through <paramref name="framework"/> and returns the results in order.</summary>
    public static async Task<IReadOnlyList<RecordedResult>> RunAsync(ITestFramework framework, Assembly assembly, IEnumerable<IXunitTestCase> testCases)
    {
        var sink = new RecordingSink<ITestAssemblyFinished>();
        using var executor = framework.GetExecutor(assembly.GetName());
        executor.RunTests(testCases, sink, new FrameworkOptions());
        await sink.Finished.Task.WaitAsync(Deadline);
        return sink.Messages.OfType<ITestResultMessage>().Select(RecordedResult.From).ToList();
    }

    /// <summary>Empty discovery and execution options (xUnit's defaults).</summary>
    internal sealed class FrameworkOptions : ITestFrameworkDiscoveryOptions, ITestFrameworkExecutionOptions
    {
        private readonly ConcurrentDictionary<string, object?> _values = new();

        public TValue GetValue<TValue>(string name) => _values.TryGetValue(name, out var value) && value is TValue typed ? typed : default!;

        public void SetValue<TValue>(string name, TValue value) => _values[name] = value;
    }

    private sealed class RecordingSink<TFinished> : LongLivedMarshalByRefObject, IMessageSink
    {
        public ConcurrentQueue<IMessageSinkMessage> Messages { get; } = new();

        public TaskCompletionSource Finished { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool OnMessage(IMessageSinkMessage message)
        {
            Messages.Enqueue(message);
            if (message is TFinished)
            {
                Finished.TrySetResult();
            }

            return true;
        }
    }
}
