using ZeroDowntime.LocalCluster;

return args switch
{
    ["up", .. var rest] => await UpCommand.RunAsync(rest, Console.Out, Console.Error),
    ["bench", .. var rest] => await BenchCommand.RunAsync(rest, Console.Out),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine($"Unknown command; {UpCommand.Usage}, or: bench [--nodes N] [--pods N] [--watchers N].");
    return 2;
}
