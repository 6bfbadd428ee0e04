using FluentAssertions;
using Xunit;
using Xunit.Abstractions;
using ZeroDowntime.Fixtures.Cluster;
using ZeroDowntime.LocalCluster.Security;
using ZeroDowntime.Tests;

namespace ZeroDowntime.Scenarios.Tests;

/// <summary>
/// manifests/rbac is sufficient (every scenario passes with a token bound to exactly it, on a cluster that
/// enforces RBAC) and minimal (taking away any one permission makes a call of a named step get the 403 that
/// names its verb and resource). Minimality is shown by replaying the calls the authorizer saw during the
/// sufficiency run against the manifest minus each permission, and spot-checked with a real run.
/// </summary>
[Collection(SelfTestCollection.Name)]
public sealed class RbacTests(RbacUpCluster up, ITestOutputHelper output) : IClassFixture<RbacUpCluster>
{
    [Fact]
    public void Every_scenario_passes_with_a_token_bound_to_exactly_the_manifest()
    {
        output.WriteLine(string.Join(Environment.NewLine, up.Steps.Select(s => $"{s}: {(s.Passed ? "passed" : s.Error!.Message)}")));
        var failed = up.Steps.Where(s => !s.Passed).Select(s => $"{s}: {s.Error!.Message}").ToList();
        failed.Should().BeEmpty("every step must pass as system:serviceaccount:default:zerodowntime; the run log:{0}{1}", Environment.NewLine, up.RunLog);
        up.Steps.Select(s => s.Scenario).Distinct().Should().Contain(SuiteRunner.Scenarios.Select(t => t.Name), "every scenario ran");
        up.Calls.Should().NotBeEmpty("the suite's calls reach the API server with the ServiceAccount's token");
        up.Calls.Where(c => !c.Allowed).Select(c => $"{c.Request.Permission} {c.Request.Path} during {up.StepOf(c)}").Should()
            .BeEmpty("no call of a passing run may be refused (a refused call that the suite tolerates is a hidden gap)");
    }

    [Fact]
    public void Taking_away_any_one_permission_fails_a_named_step_with_a_403_naming_its_verb_and_resource()
    {
        var findings = new List<string>();
        var problems = new List<string>();
        var everyCall = up.Manifest.Authorizer();
        up.Calls.Where(c => !everyCall.Authorize(RbacUpCluster.User, c.Request).Allowed).Should().BeEmpty("the replay must allow what up allowed");
        foreach (var permission in up.Manifest.Permissions)
        {
            var without = up.Manifest.Authorizer(permission);
            var refused = up.Calls.FirstOrDefault(c => !without.Authorize(RbacUpCluster.User, c.Request).Allowed);
            var elsewhere = RbacRealClusterPaths.Verbs.GetValueOrDefault((permission.Verb, permission.Resource, permission.Group));
            if (refused is null)
            {
                if (elsewhere is null)
                {
                    problems.Add($"{permission}: no call of the suite needs it, so the manifest is not minimal");
                }
                else
                {
                    findings.Add($"without {permission}: not exercised by the embedded run; needed by {elsewhere}");
                }

                continue;
            }

            if (elsewhere is not null)
            {
                problems.Add($"{permission}: listed in RbacRealClusterPaths, but the embedded run uses it ({up.StepOf(refused)}); remove it from the list");
            }

            var message = Forbidden.Message(RbacUpCluster.User, refused.Request);
            var names = $"cannot {permission.Verb} resource \"{permission.Resource}\" in API group \"{permission.Group}\"";
            if (!message.Contains(names, StringComparison.Ordinal))
            {
                problems.Add($"{permission}: the first refused call's 403 is '{message}', which does not name it");
            }

            var step = up.StepOf(refused)?.ToString() ?? $"no step (call at {refused.Time:HH:mm:ss.fff})";
            findings.Add($"without {permission}: {step} gets 403: {message}");
        }

        output.WriteLine($"{up.Calls.Count} calls by the ServiceAccount, {up.Calls.Select(c => c.Request.Permission).Distinct().Count()} distinct permissions; "
            + $"{up.Manifest.Permissions.Count} grants in the manifest, {findings.Count(f => f.Contains(" gets 403: ", StringComparison.Ordinal))} proven needed by a named step");
        output.WriteLine(string.Join(Environment.NewLine, findings));
        var granted = up.Manifest.Permissions.Select(p => (p.Verb, p.Resource, p.Group)).ToHashSet();
        problems.AddRange(RbacRealClusterPaths.Verbs.Keys.Where(k => !granted.Contains(k))
            .Select(k => $"{k.Verb} {k.Resource} in API group \"{k.Group}\": listed in RbacRealClusterPaths, but the manifest does not grant it; remove it from the list"));
        up.Manifest.Permissions.Should().NotBeEmpty();
        problems.Should().BeEmpty();
        findings.Should().NotContain(f => f.Contains(": no step", StringComparison.Ordinal), "every refused call belongs to a named step");
    }

    [Fact]
    public async Task The_replay_predicts_a_real_run_without_delete_pods_fails_the_disruption_step_with_the_403()
    {
        var deletePods = up.Manifest.Permissions.Single(p => p is { Role: "Role zerodowntime", Group: "", Resource: "pods", Verb: "delete" });
        await KubectlCommand.RunAsync(up.Kubeconfig, ["apply", "--validate=false", "-f", "-"], up.Manifest.JsonWithout(deletePods));
        try
        {
            var results = Path.Combine(AppContext.BaseDirectory, "TestResults", "rbac", Guid.NewGuid().ToString("N")[..8]);
            var fixture = ClusterFixture.WithOptions(new ClusterFixtureOptions
            {
                Settings = up.Settings(results), WriteReports = false, Log = line => output.WriteLine($"{DateTime.Now:HH:mm:ss.fff} [cluster] {line}"),
            });
            IReadOnlyList<StepOutcome> outcomes;
            try
            {
                await fixture.InitializeAsync();
                await using var context = new Fixtures.Xunit.ScenarioContext<Fixtures.Scenarios.DisruptionState>();
                outcomes = await ScenarioSteps.RunAsync(new SingleWorkerDisruption(fixture, context, output));
            }
            finally
            {
                await fixture.DisposeAsync();
            }

            outcomes.ToList().ForEach(o => output.WriteLine(o.ToString()));
            var failed = outcomes.Last();
            failed.Passed.Should().BeFalse("the ServiceAccount may no longer delete pods");
            failed.Method.Should().Be(nameof(SingleWorkerDisruption.Delete_one_worker_pod));
            Describe(failed.Error!).Should().Contain(
                "\" is forbidden: User \"system:serviceaccount:default:zerodowntime\" cannot delete resource \"pods\" in API group \"\" in the namespace \"default\"");
        }
        finally
        {
            await KubectlCommand.RunAsync(up.Kubeconfig, ["apply", "-f", "-"], up.Manifest.Yaml);
        }
    }

    private static string Describe(Exception error) =>
        string.Join(" | ", Enumerable.Repeat(error, 1).Concat(Inner(error)).Select(e => e is k8s.Autorest.HttpOperationException h ? e.Message + " " + h.Response?.Content : e.Message));

    private static IEnumerable<Exception> Inner(Exception error)
    {
        for (var e = error.InnerException; e is not null; e = e.InnerException)
        {
            yield return e;
        }
    }
}
