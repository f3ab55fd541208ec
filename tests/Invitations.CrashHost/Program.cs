using Invitations.CrashHost;

// The child process of the process tests. Arguments are key=value pairs:
//   mode=chain|swarm provider=sqlite|postgres connection=... dir=<shared directory> worker=<name>
//   [kill=<boundary> crossing=<n>] [offset=<minutes ahead of the system clock>] [invites=<n>] [shared=<n>] [workers=<n>]
// Prints "KILL <boundary>" right before it SIGKILLs itself, "DRAINED" when it finished and nothing is pending.
var args2 = new ChildArguments(args);
Boundaries.KillAt = args2.Kill;
Boundaries.Crossing = args2.Crossing;

var clock = System.Diagnostics.Stopwatch.StartNew();
await using var host = new ChildHost(args2);
await host.StartAsync();
Console.Out.WriteLine($"STARTED {clock.Elapsed.TotalSeconds:F1}");
if (args2.Mode == "swarm")
{
    await SwarmWork.RunAsync(host, args2);
}
else
{
    await ChainWork.RunAsync(host, args2);
}

Console.Out.WriteLine($"WORKED {clock.Elapsed.TotalSeconds:F1}");
await host.DrainAsync(TimeSpan.FromSeconds(90));
Console.Out.WriteLine($"DRAINED {clock.Elapsed.TotalSeconds:F1}");
return 0;
