#!/usr/bin/env bash
# Installs the packages the way a user does, from a clean clone, and fails on any surprise:
#  1. clones the repository (what is committed) into a path containing /src/ and builds it there (the project kind
#     must not depend on the folder), then packs every src/ project (CI build: ContinuousIntegrationBuild) into a local feed, and checks each .nupkg has
#     its PACKAGE.md readme and a repository commit, and each .snupkg's PDBs carry SourceLink to that commit;
#  2. a console app made by `dotnet new console` that runs the README's Install commands and its Quickstart code,
#     taken from README.md as they stand, builds with warnings as errors and runs;
#  3. an ASP.NET Core 10 app (Microsoft.NET.Sdk.Web) that adds every package builds with warnings as errors, and its
#     bin holds no Microsoft.Extensions.*.dll or System.Text.Json.dll that the shared framework has, beyond the ones
#     EF Core's own dependencies bring into any ASP.NET Core app (measured by an app that adds only EF Core);
# NuGet settings are isolated: a nuget.config in the temporary folder, a temporary global packages folder (the user's
# is only read, as a fallback), so the test packages never enter the user's caches.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/invitations-packages.XXXXXX")"
trap 'rm -rf "$work"' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
feed="$work/feed"
user_packages="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
fail() { echo "check-packages: $*" >&2; exit 1; }

# NuGet settings of every app below: the local feed for Invitations.*, the registry for everything else.
cat > "$work/nuget.config" <<EOF
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="local" value="$feed" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
  </packageSources>
  <packageSourceMapping>
    <packageSource key="local"><package pattern="Invitations.*" /></packageSource>
    <packageSource key="nuget.org"><package pattern="*" /></packageSource>
  </packageSourceMapping>
  <!-- the user's packages are read, never written: the test packages (a unique version) land in the temporary folder -->
  <fallbackPackageFolders>
    <add key="user" value="$user_packages" />
  </fallbackPackageFolders>
</configuration>
EOF

echo "== clone under a path containing /src/, build, pack"
# A fresh clone (of what is committed) proves the build does not depend on the folder it is in, and gives clean
# CI-mode outputs (ContinuousIntegrationBuild) whatever the working copy holds.
clone="$work/home/src/invitations"
mkdir -p "$work/home/src"
git clone -q --no-hardlinks "$repo" "$clone" || fail "git clone failed"
(cd "$clone" && CI=true dotnet build Invitations.sln -c Release -nologo -v quiet) || fail "a clone under /src/ does not build"
# Test packages carry a unique pre-release label, so nothing can confuse them with a published version.
suffix="local.$(date -u +%Y%m%d%H%M%S)"
(cd "$clone" && CI=true dotnet pack Invitations.sln -c Release --no-build -o "$feed" --version-suffix "$suffix" -nologo -v quiet) \
  || fail "dotnet pack failed"
version="$(sed -n 's:.*<VersionPrefix>\(.*\)</VersionPrefix>.*:\1:p' "$clone/Directory.Build.props")-$suffix"
packages=()
for project in "$clone"/src/*/*.csproj; do
  id="$(basename "$project" .csproj)"
  packages+=("$id")
  nupkg="$feed/$id.$version.nupkg"; snupkg="$feed/$id.$version.snupkg"
  [ -f "$nupkg" ] && [ -f "$snupkg" ] || fail "$id: no $version package and symbol package"
  unzip -p "$nupkg" "$id.nuspec" > "$work/$id.nuspec"
  grep -q '<readme>PACKAGE.md</readme>' "$work/$id.nuspec" || fail "$id: the readme is not PACKAGE.md"
  grep -q ' PACKAGE.md$' <(unzip -l "$nupkg") || fail "$id: PACKAGE.md is not in the package"  # not a pipe: grep -q stops reading early and pipefail would blame unzip
  commit="$(sed -n 's:.*<repository [^>]*commit="\([0-9a-f]*\)".*:\1:p' "$work/$id.nuspec")"
  [ -n "$commit" ] || fail "$id: the nuspec has no repository commit"
  unzip -p "$snupkg" "lib/net10.0/$id.pdb" > "$work/$id.pdb"
  # the published repository (or the fork whose GitHub remote this clone has), at the commit that was built
  grep -a -q -E "https://raw\.githubusercontent\.com/[^/\"]+/[^/\"]+/$commit/\*" "$work/$id.pdb" \
    || fail "$id: the PDB has no SourceLink to commit $commit"
  ! grep -a -q "$clone/" "$work/$id.pdb" || fail "$id: the PDB carries the build machine's path $clone (not a deterministic CI build)"
  ! grep -q '"M:Invitations\.Internal\.\|"T:Invitations\.Internal\.' <(unzip -p "$nupkg" "lib/net10.0/$id.xml") \
    || fail "$id: the XML documentation file documents internal members"
done
echo "packed ${#packages[@]} packages, version $version; readme, SourceLink and XML docs checked"

# Restores and builds an app in $work/<name> with warnings as errors, against the local feed.
build_app() {
  (cd "$work/$1" && NUGET_PACKAGES="$work/packages" dotnet build -c Release -p:TreatWarningsAsErrors=true -nologo -v quiet) || fail "$1 does not build with warnings as errors"
}
# A code block of README.md: the first ```<lang> block after the heading "## <title>".
readme_block() {  # from the clone: the README as committed
  awk -v title="## $1" -v fence="\`\`\`$2" '
    $0 == title { in_section = 1; next }
    in_section && /^## / { exit }
    in_section && !in_block && index($0, fence) == 1 { in_block = 1; next }
    in_block && /^```/ { exit }
    in_block { print }' "$clone/README.md"
}

echo "== console app: README Install + Quickstart"
mkdir -p "$work/console" && cp "$work/nuget.config" "$work/console/"
(cd "$work/console" && dotnet new console -n QuickstartApp -o . --framework net10.0 >/dev/null)
install="$(readme_block Install bash | sed 's/[[:space:]]*#.*$//' | grep '^dotnet add package ')" || fail "README.md has no Install block of dotnet add package lines"
while read -r line; do
  # the README's own command, as the user types it; the local feed answers for Invitations.* (a pre-release here)
  pkg="$(awk '{print $4}' <<<"$line")"
  extra=(); [[ "$pkg" == Invitations.* ]] && extra=(--version "$version")
  (cd "$work/console" && NUGET_PACKAGES="$work/packages" $line "${extra[@]}" >/dev/null) || fail "README install step failed: $line"
done <<<"$install"
readme_block Quickstart csharp > "$work/console/Program.cs"
[ -s "$work/console/Program.cs" ] || fail "README.md has no Quickstart csharp block"
build_app console
(cd "$work/console" && dotnet run -c Release --no-build) > "$work/console.out" || { cat "$work/console.out"; fail "the README quickstart does not run"; }
cat "$work/console.out"

echo "== ASP.NET Core 10 app with every package"
# Framework assemblies in an app's bin: those whose name the shared framework (Microsoft.AspNetCore.App, which
# includes Microsoft.NETCore.App's) also has.
mapfile -t shared_dirs < <(dotnet --list-runtimes | awk '/^Microsoft\.(AspNetCore|NETCore)\.App 10\./ { gsub(/[][]/, "", $3); print $3 "/" $2 }')
[ "${#shared_dirs[@]}" -ge 2 ] || fail "no .NET 10 shared frameworks (Microsoft.NETCore.App and Microsoft.AspNetCore.App) installed"
framework_dlls() {
  for dll in "$1"/bin/Release/net10.0/Microsoft.Extensions.*.dll "$1"/bin/Release/net10.0/System.Text.Json.dll; do
    [ -f "$dll" ] || continue
    name="$(basename "$dll")"
    for dir in "${shared_dirs[@]}"; do [ -f "$dir/$name" ] && echo "$name"; done
  done | sort -u
}
ef_version="$(sed -n 's:.*"Microsoft.EntityFrameworkCore.Relational" Version="\([^"]*\)".*:\1:p' "$clone/Directory.Packages.props")"
for app in web efbaseline; do
  mkdir -p "$work/$app" && cp "$work/nuget.config" "$work/$app/"
  (cd "$work/$app" && dotnet new web -n "${app}App" -o . --framework net10.0 >/dev/null)
done
for id in "${packages[@]}"; do (cd "$work/web" && NUGET_PACKAGES="$work/packages" dotnet add package "$id" --version "$version" >/dev/null) || fail "web: cannot add $id"; done
(cd "$work/efbaseline" && NUGET_PACKAGES="$work/packages" dotnet add package Microsoft.EntityFrameworkCore.Relational --version "$ef_version" >/dev/null)
build_app web
build_app efbaseline
framework_dlls "$work/web" > "$work/web.dlls"
framework_dlls "$work/efbaseline" > "$work/efbaseline.dlls"
if [ -s "$work/efbaseline.dlls" ]; then
  echo "EF Core $ef_version alone puts these framework assemblies into an ASP.NET Core app's bin (its dependencies are newer than the installed shared framework):"
  sed 's/^/  /' "$work/efbaseline.dlls"
fi
extra="$(comm -23 "$work/web.dlls" "$work/efbaseline.dlls")"
[ -z "$extra" ] || fail "the Invitations packages replace shared-framework assemblies in an ASP.NET Core app: $extra"
echo "no framework assembly replaced by the Invitations packages"

echo "check-packages: ok"
