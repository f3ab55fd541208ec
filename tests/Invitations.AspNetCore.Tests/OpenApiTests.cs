using System.Net;
using System.Text.Json.Nodes;
using Invitations.AspNetCore.Tests.Support;

namespace Invitations.AspNetCore.Tests;

public sealed class OpenApiTests
{
    public static TheoryData<string, string, string[]> Operations => new()
    {
        { "/invitations", "post", ["200", "201", "400", "403", "409", "415", "422", "429"] },
        { "/invitations", "get", ["200", "400"] },
        { "/invitations/{id}", "get", ["200", "404"] },
        { "/invitations/{id}", "patch", ["200", "400", "403", "404", "409", "410", "412", "415", "429"] },
        { "/invitations/{id}/facts", "get", ["200", "404"] },
        { "/invitations/runs", "post", ["202", "400", "403", "415"] },
        { "/invitations/runs/{runId}", "get", ["200", "404"] },
        { "/invitations/runs/{runId}/cancel", "post", ["200", "404", "409"] },
        { "/invitation", "get", ["200", "400", "404", "409", "410", "429"] },
        { "/invitation/accept", "post", ["200", "400", "401", "403", "404", "409", "410", "415", "429"] },
        { "/invitation/reject", "post", ["200", "400", "404", "409", "410", "415", "429"] },
        { "/invitation/new-link", "post", ["202", "400", "403", "415", "429"] },
        { "/i/{code}", "get", ["302", "404", "429"] },
    };

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task The_document_describes_each_operation_with_its_statuses(string path, string method, string[] statuses)
    {
        var document = await DocumentAsync();

        var operation = document["paths"]![path]![method];
        operation.Should().NotBeNull($"{method} {path} is mapped");
        operation!["responses"]!.AsObject().Select(r => r.Key).Should().BeEquivalentTo(statuses);
        foreach (var status in statuses.Where(s => s[0] is '4'))
        {
            operation["responses"]![status]!["content"]!.AsObject().Select(c => c.Key).Should().Contain("application/problem+json");
        }
    }

    [Fact]
    public async Task The_document_lists_exactly_the_mapped_paths()
    {
        var document = await DocumentAsync();

        document["paths"]!.AsObject().Select(p => p.Key).Should().BeEquivalentTo(Operations.Select(row => (string)row[0]).Distinct());
    }

    [Fact]
    public async Task Request_and_response_schemas_use_the_snake_case_wire_names()
    {
        var document = await DocumentAsync();

        var create = document["paths"]!["/invitations"]!["post"]!;
        var requestSchema = Resolve(document, create["requestBody"]!["content"]!["application/json"]!["schema"]!);
        requestSchema["properties"]!.AsObject().Select(p => p.Key).Should().Contain(["email", "given_name", "skip_send", "invite_template_key", "lang", "branding"]);
        var responseSchema = Resolve(document, create["responses"]!["201"]!["content"]!["application/json"]!["schema"]!);
        responseSchema["properties"]!.AsObject().Select(p => p.Key).Should().Contain(["result", "invitation", "link"]);
    }

    private static JsonNode Resolve(JsonNode document, JsonNode schema) =>
        schema["$ref"]?.GetValue<string>() is { } reference
            ? document["components"]!["schemas"]![reference.Split('/')[^1]]!
            : schema;

    private static async Task<JsonNode> DocumentAsync()
    {
        await using var host = await ApiHost.StartAsync();
        var response = await host.Client.GetAsync("/openapi/v1.json");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return await ApiHost.ReadJsonAsync(response);
    }
}
