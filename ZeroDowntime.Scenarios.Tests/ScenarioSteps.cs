using System.Reflection;
using ZeroDowntime.Fixtures.Xunit;

namespace ZeroDowntime.Scenarios.Tests;

/// <summary>
/// Runs a scenario class's <c>[Step]</c> methods in number order on one instance, stopping at the
/// first failure, as the scenario framework does (the same code users run, without a second test host).
/// </summary>
public static class ScenarioSteps
{
    /// <summary>The class's steps as (number, method), in order.</summary>
    public static IReadOnlyList<(int Number, MethodInfo Method)> Of(Type scenario) =>
        scenario.GetMethods()
            .Select(m => (Step: m.GetCustomAttribute<StepAttribute>(), Method: m))
            .Where(x => x.Step is not null)
            .OrderBy(x => x.Step!.Number)
            .Select(x => (x.Step!.Number, x.Method))
            .ToList();

    /// <summary>Runs the steps; returns every outcome up to and including the first failure.</summary>
    public static async Task<IReadOnlyList<StepOutcome>> RunAsync(object scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var outcomes = new List<StepOutcome>();
        foreach (var (number, method) in Of(scenario.GetType()))
        {
            try
            {
                if (method.Invoke(scenario, null) is Task task)
                {
                    await task;
                }

                outcomes.Add(new StepOutcome(number, method.Name, null));
            }
            catch (Exception e)
            {
                var error = e is TargetInvocationException { InnerException: { } inner } ? inner : e;
                outcomes.Add(new StepOutcome(number, method.Name, error));
                break;
            }
        }

        return outcomes;
    }
}
