using System.Collections.Concurrent;
using System.Reflection;
using FluentAssertions;
using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;
using ZeroDowntime.Fixtures.Xunit;
using ZeroDowntime.Tests;

namespace ZeroDowntime.Scenarios.Tests;

/// <summary>The scenario assembly's xUnit wiring: every extension type resolves, and the Scenario trait selects exactly one scenario's steps.</summary>
public sealed class ScenarioDiscoveryTests
{
    private static readonly Assembly Scenarios = typeof(NodeDrain).Assembly;

    [Fact]
    public void Every_xunit_extension_type_name_in_the_scenario_assembly_resolves() =>
        ExtensionPointCheck.FindUnresolvedTypeNames(Scenarios).Should().BeEmpty();

    [Fact]
    public async Task Filter_Scenario_NodeDrain_selects_exactly_the_NodeDrain_steps_in_order()
    {
        var cases = await DiscoverAsync();

        var selected = cases
            .Where(c => c.Traits.TryGetValue(ScenarioAttribute.TraitName, out var values) && values.Contains(nameof(NodeDrain)))
            .ToList();

        selected.Select(c => c.TestMethod.TestClass.Class.Name).Distinct().Should().Equal(typeof(NodeDrain).FullName);
        selected.Select(c => c.TestMethod.Method.Name).Should().BeEquivalentTo(ScenarioSteps.Of(typeof(NodeDrain)).Select(s => s.Method.Name));
        selected.Should().HaveCount(10, "the seed's node drain has ten steps");
    }

    [Fact]
    public async Task Every_seed_scenario_is_discovered_with_its_trait()
    {
        var cases = await DiscoverAsync();

        cases.SelectMany(c => c.Traits[ScenarioAttribute.TraitName]).Distinct().Should().BeEquivalentTo(
            nameof(PreValidation), nameof(SingleWorkerDisruption), nameof(NodeDrain), nameof(SequentialDisruptions),
            nameof(RedisDisruption), nameof(HeadDisruption), nameof(RollingUpgrade), nameof(Autoscaling), nameof(PostValidation),
            nameof(RandomPodKill), nameof(NetworkPartition), nameof(DatastoreFailover));
    }

    private static async Task<IReadOnlyList<ITestCase>> DiscoverAsync()
    {
        var sink = new DiscoverySink();
        using var framework = new ScenarioTestFramework(sink);
        using var discoverer = framework.GetDiscoverer(Reflector.Wrap(Scenarios));
        discoverer.Find(includeSourceInformation: false, sink, new DiscoveryOptions());
        await sink.Finished.Task.WaitAsync(TimeSpan.FromSeconds(60));
        return sink.Cases.ToList();
    }

    private sealed class DiscoveryOptions : ITestFrameworkDiscoveryOptions
    {
        private readonly ConcurrentDictionary<string, object?> _values = new();

        public TValue GetValue<TValue>(string name) => _values.TryGetValue(name, out var value) && value is TValue typed ? typed : default!;

        public void SetValue<TValue>(string name, TValue value) => _values[name] = value;
    }

    private sealed class DiscoverySink : LongLivedMarshalByRefObject, IMessageSink
    {
        public ConcurrentQueue<ITestCase> Cases { get; } = new();

        public TaskCompletionSource Finished { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool OnMessage(IMessageSinkMessage message)
        {
            if (message is ITestCaseDiscoveryMessage discovered)
            {
                Cases.Enqueue(discovered.TestCase);
            }
            else if (message is IDiscoveryCompleteMessage)
            {
                Finished.TrySetResult();
            }

            return true;
        }
    }
}
