using ZeroDowntime.Fixtures.Xunit;

[assembly: ScenarioFramework]
