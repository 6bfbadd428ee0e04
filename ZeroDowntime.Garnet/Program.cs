using ZeroDowntime.Garnet;

var code = await GarnetStandIn.RunAsync(args, Console.Out, Console.Error);

// Whatever threads Garnet left behind, a stopped stand-in must not keep its pod's process alive.
Environment.Exit(code);
