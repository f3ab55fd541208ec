using Invitations.CrashHost;

// The child process of the process tests. Arguments are key=value pairs:
//   mode=chain|swarm provider=sqlite|postgres connection=... dir=<shared directory> worker=<name>
//   [kill=<boundary> crossing=<n>] [offset=<minutes ahead of the system clock>] [invites=<n>] [shared=<n>] [workers=<n>] [cooldown=0]
// Prints "KILL <boundary>" right before it SIGKILLs itself, "DRAINED <seconds>" when it finished and nothing is pending
// (and "STARTED"/"WORKED <seconds>" on the way, for the test's output).
var arguments = new ChildArguments(args);
Boundaries.KillAt = arguments.Kill;
Boundaries.Crossing = arguments.Crossing;

var clock = System.Diagnostics.Stopwatch.StartNew();
await using var host = new ChildHost(arguments);
await host.StartAsync();
Console.Out.WriteLine($"STARTED {clock.Elapsed.TotalSeconds:F1}");
if (arguments.Mode == "swarm")
{
    await SwarmWork.RunAsync(host, arguments);
}
else
{
    await ChainWork.RunAsync(host, arguments);
}

Console.Out.WriteLine($"WORKED {clock.Elapsed.TotalSeconds:F1}");
await host.DrainAsync(TimeSpan.FromSeconds(90));
Console.Out.WriteLine($"DRAINED {clock.Elapsed.TotalSeconds:F1}");
return 0;
