using ZeroDowntime.K6Double;

// Usage (the k6 command line the Job uses, after the image's entrypoint):
//   dotnet ZeroDowntime.K6Double.dll run --address=0.0.0.0:6565 /scripts/zero-downtime.js [--fail=MODE]
// MODE (or K6_DOUBLE_FAIL): crash-on-start (exit 107), never-start (no output, no API), hang (load runs, stop is ignored, no summary).
return await DoubleRunner.RunAsync(args, Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
    .ToDictionary(e => (string)e.Key, e => e.Value as string ?? "", StringComparer.Ordinal));
