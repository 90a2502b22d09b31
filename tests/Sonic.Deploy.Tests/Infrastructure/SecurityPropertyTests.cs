using System.Text.Json.Nodes;

namespace Sonic.Deploy.Tests.Infrastructure;

/// <summary>The compiled template keeps the security properties the design promises: identities, not keys.</summary>
[Collection(CompiledTemplateCollection.Name)]
public sealed class SecurityPropertyTests(CompiledTemplate template)
{
    [Fact]
    public void Template_Anywhere_ReadsNoKeysAndBuildsNoKeyConnectionStrings()
    {
        Assert.DoesNotContain("listKeys", template.Json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("AccountKey", template.Json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("DefaultEndpointsProtocol", template.Json, StringComparison.OrdinalIgnoreCase);
        // A Log Analytics workspace key (Container Apps' log-analytics destination) is not used either.
        Assert.DoesNotContain("\"sharedKey\"", template.Json, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void ContainerRegistry_AdminUser_IsDisabled()
    {
        var registry = Single(template.Module("registry"), "Microsoft.ContainerRegistry/registries");
        Assert.False((bool)registry["properties"]!["adminUserEnabled"]!);
    }

    [Fact]
    public void StorageAccount_SharedKeyAccess_IsDisabledAndTlsEnforced()
    {
        var account = Single(template.Module("storage"), "Microsoft.Storage/storageAccounts");
        var properties = account["properties"]!;
        Assert.False((bool)properties["allowSharedKeyAccess"]!);
        Assert.True((bool)properties["defaultToOAuthAuthentication"]!);
        Assert.True((bool)properties["supportsHttpsTrafficOnly"]!);
        Assert.Equal("TLS1_2", (string?)properties["minimumTlsVersion"]);
    }

    [Fact]
    public void BlobContainers_PublicAccess_IsOnlyOnVideos()
    {
        var storage = template.Module("storage");
        var declared = storage["variables"]!["containers"]!.AsArray().Select(c => c!.AsObject()).ToList();
        var names = declared.Select(c => (string?)c["name"]).ToList();
        Assert.Subset(new HashSet<string?>(names), new HashSet<string?> { "uploads", "work", "results", "videos" });

        var publicOnes = declared.Where(c => (string?)c["publicAccess"] != "None").Select(c => (string?)c["name"]).ToList();
        Assert.Equal(["videos"], publicOnes);
        Assert.Equal("Blob", (string?)declared.Single(c => (string?)c["name"] == "videos")["publicAccess"]);

        // The containers resource takes its access level from that list and from nowhere else.
        var containers = Single(storage, "Microsoft.Storage/storageAccounts/blobServices/containers");
        Assert.Equal("[variables('containers')[copyIndex()].publicAccess]", (string?)containers["properties"]!["publicAccess"]);
    }

    [Fact]
    public void BlobService_DefaultServiceVersion_SupportsRangeRequests()
    {
        var service = Single(template.Module("storage"), "Microsoft.Storage/storageAccounts/blobServices");
        var version = DateOnly.Parse((string)service["properties"]!["defaultServiceVersion"]!, System.Globalization.CultureInfo.InvariantCulture);
        // Anonymous requests answered with versions before 2011-08-18 ignore the Range header.
        Assert.True(version >= new DateOnly(2011, 8, 18), $"defaultServiceVersion {version} predates range support");
    }

    [Fact]
    public void WorkContainer_LifecycleRule_DeletesAfterConfiguredDays()
    {
        var storage = template.Module("storage");
        var policy = Single(storage, "Microsoft.Storage/storageAccounts/managementPolicies");
        var rule = policy["properties"]!["policy"]!["rules"]!.AsArray().Single()!;
        Assert.Equal(["work/"], rule["definition"]!["filters"]!["prefixMatch"]!.AsArray().Select(p => (string?)p));
        Assert.Equal("[parameters('workRetentionDays')]",
            (string?)rule["definition"]!["actions"]!["baseBlob"]!["delete"]!["daysAfterModificationGreaterThan"]);
    }

    [Fact]
    public void ApplicationInsights_LocalAuth_IsDisabled()
    {
        var insights = Single(template.Module("monitoring"), "Microsoft.Insights/components");
        Assert.True((bool)insights["properties"]!["DisableLocalAuth"]!);
    }

    [Fact]
    public void SpeechAccount_TakesEntraTokensOnly_OnItsCustomDomain_AndTheIdentityIsASpeechUserOfItAlone()
    {
        var speech = Single(template.Module("speech"), "Microsoft.CognitiveServices/accounts");
        Assert.Equal("SpeechServices", (string?)speech["kind"]);
        Assert.True((bool)speech["properties"]!["disableLocalAuth"]!);
        Assert.Equal("[parameters('name')]", (string?)speech["properties"]!["customSubDomainName"]);

        var assignment = CompiledTemplate.OfType(template.Module("roles"), "Microsoft.Authorization/roleAssignments")
            .Single(a => ((string?)a["properties"]!["roleDefinitionId"])!.Contains("cognitiveServicesSpeechUser", StringComparison.Ordinal));
        Assert.Contains("Microsoft.CognitiveServices/accounts", (string?)assignment["scope"], StringComparison.Ordinal);
        Assert.Equal("f2dc8367-1007-4938-bd23-fe263f013447", (string?)template.Module("roles")["variables"]!["roles"]!["cognitiveServicesSpeechUser"]);
    }

    [Fact]
    public void KeyVaultCertificateUser_IsGrantedOnTheVaultOnly_ForTheC2paSigner()
    {
        var assignment = CompiledTemplate.OfType(template.Module("roles"), "Microsoft.Authorization/roleAssignments")
            .Single(a => ((string?)a["properties"]!["roleDefinitionId"])!.Contains("keyVaultCertificateUser", StringComparison.Ordinal));
        Assert.Contains("Microsoft.KeyVault/vaults", (string?)assignment["scope"], StringComparison.Ordinal);
        Assert.Equal("db79e9a7-68ee-4b58-9aeb-b90e7c24fcba", (string?)template.Module("roles")["variables"]!["roles"]!["keyVaultCertificateUser"]);
    }

    [Fact]
    public void RoleAssignments_ForTheIdentity_CoverEachDataPlaneNeedAndNothingBroader()
    {
        var roles = template.Module("roles")["variables"]!["roles"]!.AsObject();
        var granted = roles.Select(p => (string)p.Value!).ToHashSet();
        // Storage Blob Data Owner, Queue Data Contributor, Table Data Contributor, AcrPull, Monitoring Metrics
        // Publisher, Key Vault Secrets User (+ Blob Data Contributor for the deploying user).
        Assert.Contains("b7e6dc6d-f1e8-4753-8033-0f276bb0955b", granted);
        Assert.Contains("974c5e8b-45b9-4653-ba55-5f855dd0fb88", granted);
        Assert.Contains("0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", granted);
        Assert.Contains("7f951dda-4ed3-4680-a7ca-43fe172d538d", granted);
        Assert.Contains("3913510d-42f4-4e42-8a64-420c390055eb", granted);
        Assert.Contains("4633458b-17de-408a-b874-0445c86b69e6", granted);
        // Owner, Contributor and User Access Administrator are never granted.
        Assert.DoesNotContain("8e3af657-a8ff-443c-a75c-2fe8c4bcb635", template.Json, StringComparison.Ordinal);
        Assert.DoesNotContain("b24988ac-6180-42a0-ab88-20f7382dd24c", template.Json, StringComparison.Ordinal);
        Assert.DoesNotContain("18d7d88d-d35e-4fb5-a5c3-7773c20a72d9", template.Json, StringComparison.Ordinal);
    }

    internal static JsonObject Single(JsonObject module, string type) => CompiledTemplate.OfType(module, type).Single();
}
