using System.Text;

namespace ZeroDowntime.Fixtures.Configuration;

/// <summary>
/// Renders <c>docs/configuration.md</c> from the settings declarations, so the table cannot drift
/// from the code. A test in ZeroDowntime.Fixtures.Tests compares the file with this output.
/// </summary>
public static class SettingsDocumentation
{
    /// <summary>The command that rewrites the document.</summary>
    public const string RegenerateCommand =
        "ZD_REGENERATE_DOCS=1 dotnet test ZeroDowntime.Fixtures.Tests --filter FullyQualifiedName~ConfigurationDocumentationTests";

    /// <summary>The full markdown of <c>docs/configuration.md</c>, with <c>\n</c> line endings.</summary>
    public static string RenderMarkdown()
    {
        var text = new StringBuilder();
        text.Append(Introduction.Replace("{command}", RegenerateCommand, StringComparison.Ordinal));
        foreach (var section in SettingsCatalog.All.GroupBy(d => d.SectionTitle))
        {
            text.Append("\n## ").Append(section.Key).Append("\n\n");
            text.Append("| Variable | Default (local) | Default (production) | Allowed | Meaning |\n");
            text.Append("|---|---|---|---|---|\n");
            foreach (var setting in section)
            {
                text.Append("| `").Append(setting.Variable).Append("` | ")
                    .Append(DefaultCell(setting, ProfileName.Local)).Append(" | ")
                    .Append(DefaultCell(setting, ProfileName.Production)).Append(" | ")
                    .Append(Cell(SettingValueParser.DescribeAllowed(setting))).Append(" | ")
                    .Append(Cell(setting.Attribute.Description)).Append(" |\n");
            }
        }

        return text.ToString();
    }

    private static string DefaultCell(SettingDescriptor setting, ProfileName profile) => setting.Variable switch
    {
        "ZD_PROFILE" => "local if `ZD_CLUSTER=local`, else production",
        _ => setting.DefaultFor(profile) is { } value ? $"`{value}`" : "unset",
    };

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);

    private const string Introduction = """
        # Configuration

        <!-- Generated from the [Setting] declarations in ZeroDowntime.Fixtures/Configuration.
             Do not edit by hand; regenerate with:
             {command} -->

        Every setting is an environment variable starting with `ZD_`. The suite reads them once,
        checks all of them before anything runs, and reports every problem together, one sentence
        each, e.g. `ZD_PROFILE is 'fast', but it must be one of: local, production.` A `ZD_`
        variable it does not know (a typo such as `ZD_PROFIL`) is an error too, with a suggestion.

        ## Where values come from

        1. Environment variables, from the shell or from `.runsettings`
           (`RunConfiguration/EnvironmentVariables`). An empty value counts as unset.
        2. The JSON file named by `ZD_SETTINGS_FILE`, if any. Its keys are the variable names without
           `ZD_`, with `__` written as nesting; keys are case-insensitive:
           `{"CLUSTER": "kubeconfig", "TIMING": {"NODE_DRAIN": {"SUCCESS_RATE_ABOVE": 92}}}`.
        3. The defaults of the selected profile (`ZD_PROFILE`).

        Environment variables win over the file, the file over the defaults.

        ## Names

        `__` (two underscores) separates sections, one underscore separates words:
        `ZD_TIMING__NODE_DRAIN__SUCCESS_RATE_ABOVE=92` overrides one threshold of the NodeDrain scenario,
        `ZD_TARGET__WORKERS__SELECTOR=app=vllm-worker` changes how worker pods are found.
        Durations are a number and a unit, optionally repeated: `500ms`, `30s`, `5m`, `1m30s`, `1h`.
        Percentages are plain numbers from 0 to 100.

        ## Profiles

        `production` holds the reference suite's numbers (30 s baseline, 5 min windows, 95/90/95/95 %
        success thresholds, 60 s pod termination, 10 min drain recovery...). `local` compresses the
        waits and limits for the embedded cluster, whose pods start in one or two seconds, with wide
        margins for a busy two-core machine; success rates, downtime limits and pod counts keep the
        same values in both. The profile only changes defaults: any value can be overridden on its own.

        ## Disruption safety

        On a real cluster (`ZD_CLUSTER=kubeconfig`) disruptive requests (delete, evict, cordon, scale,
        patch, network policy changes) are refused before they are sent unless `ZD_ALLOW_DISRUPTION`
        equals the kubeconfig context name exactly. The embedded cluster always allows them.
        What counts as disruptive is decided from the method and path of each API request:
        every PATCH and PUT; every DELETE except of ConfigMaps, Jobs and Events (the suite's own k6
        artifacts, so cleanup always works; deleting a NetworkPolicy is disruptive too); POST of
        NetworkPolicies and of any pod subresource (`pods/eviction`, the embedded cluster's
        `pods/zerodowntime-kill`); anything on `pods/exec` or `pods/attach`. Reads, creates of other
        kinds and traffic through a `proxy` subresource (the k6 REST API, the Ray dashboard) always pass.
        Setting `ZD_CONTEXT`, `ZD_KUBECONFIG` or `ZD_ALLOW_DISRUPTION` without `ZD_CLUSTER` is an error,
        so a forgotten `ZD_CLUSTER=kubeconfig` cannot quietly test the embedded cluster instead.

        """;
}
