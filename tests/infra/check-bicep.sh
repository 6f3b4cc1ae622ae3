#!/usr/bin/env bash
# Checks the Azure infrastructure (infra/main.bicep and its modules) without Azure: compiles it to an
# ARM template and runs the Bicep linter with its default rules. Any diagnostic — error, warning or
# info — fails the check and is printed. Ends with "bicep: ok" on success.
#
# The Bicep CLI comes from the NuGet package Azure.Bicep.CommandLine.linux-x64, restored once into the
# NuGet packages folder ($NUGET_PACKAGES, else ~/.nuget/packages); later runs use it offline.
set -euo pipefail

bicep_version=0.49.2
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
template="$root/infra/main.bicep"
packages=${NUGET_PACKAGES:-$HOME/.nuget/packages}
bicep="$packages/azure.bicep.commandline.linux-x64/$bicep_version/tools/bicep"

work=$(mktemp -d -t continuousload-bicep.XXXXXX)
trap 'rm -rf "$work"' EXIT

# The package has no library to reference: a throwaway project downloads it with PackageDownload.
if [ ! -f "$bicep" ]; then
  echo "bicep: restoring Azure.Bicep.CommandLine.linux-x64 $bicep_version" >&2
  cat >"$work/fetch-bicep.csproj" <<EOF
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
  </PropertyGroup>
  <ItemGroup>
    <PackageDownload Include="Azure.Bicep.CommandLine.linux-x64" Version="[$bicep_version]" />
  </ItemGroup>
</Project>
EOF
  DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 \
    dotnet restore "$work/fetch-bicep.csproj" --nologo -v quiet >&2
  [ -f "$bicep" ] || { echo "bicep: the restore did not produce $bicep" >&2; exit 1; }
fi
[ -x "$bicep" ] || chmod u+x "$bicep"

# report NAME STATUS: a Bicep command failed if it exited non-zero or printed any diagnostic.
failed=0
report() {
  local name=$1 status=$2
  if [ "$status" -ne 0 ] || [ -s "$work/$name.out" ]; then
    echo "bicep $name: failed (exit $status)" >&2
    cat "$work/$name.out" >&2
    failed=1
  fi
}

# build: the ARM template goes to stdout and is dropped; diagnostics go to stderr and are kept.
status=0
"$bicep" build "$template" --stdout 2>"$work/build.out" >/dev/null || status=$?
report build "$status"

status=0
"$bicep" lint "$template" >"$work/lint.out" 2>&1 || status=$?
report lint "$status"

[ "$failed" -eq 0 ] || exit 1
echo "bicep: ok"
