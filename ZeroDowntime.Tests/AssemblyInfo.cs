using ZeroDowntime.Fixtures.Xunit;

// Steps in order, scenarios in order, one shared cluster: no parallelism.
[assembly: ScenarioFramework]
