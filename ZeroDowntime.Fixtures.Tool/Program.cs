using ZeroDowntime.Fixtures.Reporting;

// report <results-dir>: rebuild summary.json and report.html from the raw timelines (docs/reports.md,
// "Rebuilding a report from a killed run"). Exit 0 rebuilt, 2 bad input (one sentence on stderr).
const string Usage = "usage: report <results-dir>";
if (args is not ["report", var directory])
{
    Console.Error.WriteLine($"Unknown command; {Usage}.");
    return 2;
}

try
{
    var lines = await ReportRebuilder.RebuildAsync(directory);
    var full = Path.GetFullPath(directory);
    Console.WriteLine($"Rebuilt {Path.Combine(full, SummaryJson.FileName)} and {Path.Combine(full, HtmlReport.FileName)} from {lines.Count} scenario(s):");
    foreach (var line in lines)
    {
        Console.WriteLine("  " + line);
    }

    return 0;
}
catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or FormatException or System.Text.Json.JsonException)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
