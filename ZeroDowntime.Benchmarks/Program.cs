using ZeroDowntime.Benchmarks;

// dotnet run -c Release --project ZeroDowntime.Benchmarks -- all|generator|proxy|jitter|memory [--runs 3] [--seconds 5] [--connections 64]
var command = args.Length > 0 ? args[0] : "all";
var selected = Comparisons.All.Where(c => command == "all" || c.Command == command).ToList();
if (selected.Count == 0)
{
    Console.Error.WriteLine($"unknown benchmark '{command}': use all, {string.Join(", ", Comparisons.All.Select(c => c.Command))}");
    return 2;
}

var settings = BenchmarkSettings.Parse(args.Skip(1).ToList());
if (Wrk.Find() is null)
{
    Console.WriteLine(Wrk.InstallHint); // the wrk comparisons print the same hint instead of their line
}

Console.WriteLine(FormattableString.Invariant($"# {Environment.ProcessorCount} cores, {settings.Runs} run(s) each, {settings.Duration.TotalSeconds:0} s per side, {settings.Connections} connections, loopback"));
foreach (var comparison in selected.SelectMany(c => c.Lines))
{
    Console.WriteLine(await comparison.RunAndFormatAsync(settings));
}

return 0;
