return await ZeroDowntime.MockVllm.MockVllmApp.RunAsync(args);
