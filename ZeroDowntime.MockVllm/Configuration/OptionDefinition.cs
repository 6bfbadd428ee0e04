namespace ZeroDowntime.MockVllm.Configuration;

/// <summary>One setting: its flag, the env vars that can also give it (in priority order), and its help line.</summary>
internal sealed record OptionDefinition(string Flag, string[] EnvironmentVariables, bool IsSwitch, string Help);
