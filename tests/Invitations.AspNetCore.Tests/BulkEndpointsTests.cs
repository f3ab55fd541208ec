using System.Net;
using Invitations.AspNetCore.Tests.Support;

namespace Invitations.AspNetCore.Tests;

public sealed class BulkEndpointsTests
{
    [Fact]
    public async Task Start_answers_202_with_a_location_whose_task_status_completes()
    {
        await using var host = await ApiHost.StartAsync();

        var response = await host.SendAsync(HttpMethod.Post, "/invitations/runs", new { invitations = new[] { new { email = "a@example.com" }, new { email = "b@example.com" } } });

        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var location = response.Headers.Location!.ToString();
        location.Should().StartWith("/invitations/runs/");
        HttpResponseMessage status;
        var attempts = 0;
        do
        {
            status = await host.SendAsync(HttpMethod.Get, location);
            status.StatusCode.Should().Be(HttpStatusCode.OK);
            await Task.Yield();
        }
        while ((await ApiHost.ReadJsonAsync(status))["completion_status"] is null && ++attempts < 10_000);

        var json = await ApiHost.ReadJsonAsync(status);
        json["completion_status"]!.GetValue<string>().Should().Be("SUCCESS");
        json["progress"]!["invited"]!.GetValue<long>().Should().Be(2);
        host.Store.Count.Should().Be(2);
    }

    [Fact]
    public async Task A_bad_item_fails_the_whole_start_and_names_its_index()
    {
        await using var host = await ApiHost.StartAsync();

        var response = await host.SendAsync(HttpMethod.Post, "/invitations/runs", new { invitations = new object[] { new { email = "a@example.com" }, new { email = "b@example.com", lifetime = "soon" } } });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ApiHost.ReadJsonAsync(response))["field"]!.GetValue<string>().Should().Be("invitations[1].lifetime");
        host.Store.Count.Should().Be(0);
    }

    [Fact]
    public async Task An_empty_run_is_a_field_problem()
    {
        await using var host = await ApiHost.StartAsync();

        var response = await host.SendAsync(HttpMethod.Post, "/invitations/runs", new { invitations = Array.Empty<object>() });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ApiHost.ReadJsonAsync(response))["field"]!.GetValue<string>().Should().Be("invitations");
    }

    [Theory]
    [InlineData("GET", "/invitations/runs/no-such-run")]
    [InlineData("POST", "/invitations/runs/no-such-run/cancel")]
    public async Task An_unknown_run_is_404(string method, string uri)
    {
        await using var host = await ApiHost.StartAsync();

        var response = await host.SendAsync(new HttpMethod(method), uri);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("POST", "/invitations/runs")]
    [InlineData("GET", "/invitations/runs/x")]
    [InlineData("POST", "/invitations/runs/x/cancel")]
    public async Task Bulk_endpoints_need_the_admin_policy(string method, string uri)
    {
        await using var host = await ApiHost.StartAsync();

        (await host.SendAsync(new HttpMethod(method), uri, new { invitations = new[] { new { email = "a@example.com" } } }, user: null)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await host.SendAsync(new HttpMethod(method), uri, new { invitations = new[] { new { email = "a@example.com" } } }, user: "carol;viewer")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}
