namespace ZeroDowntime.Fixtures.Load;

/// <summary>The names of one try's Job and ConfigMap.</summary>
/// <param name="Job">The Job's name (its pods carry <c>job-name=</c> this).</param>
/// <param name="ConfigMap">The script ConfigMap's name.</param>
public sealed record K6JobNames(string Job, string ConfigMap);
