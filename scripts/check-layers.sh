#!/usr/bin/env bash
# Keeps the library's dependencies one-way. The folders of Sources/GalPaK are layers, lowest first:
#
#   Core       the error type and Python-style number spelling, used everywhere
#   Numerics   median, Cholesky, angle wrap, FWHM/σ, durations, cosmology
#   Cube       reading FITS cubes
#   Model      the disk model
#   Instrument PSF, LSF, convolution, and what `fit` would use for a cube (CubeInfo)
#   Likelihood  χ² of a model against the data: per-voxel statistics, and the noise model (its
#               correlation measured from residuals, the likelihood for correlated noise)
#   Sampler    chains, proposals, summaries and convergence
#   Maps       kinematic maps and rotation-curve profiles from an estimate
#   Fit        one fit's pieces: first guess, noise stages, chains run, statistics, the result
#   Output     the files a fit writes
#   Plot       the figures
#   Simulation simulated cubes
#   Pipeline   a whole fit from cube to files and figures (FitPipeline)
#   Batch      many fits as child processes
#   Dataset    training sets: many simulated cubes drawn from priors, and their truth table
#   Compare    fits of one cube with different models, by their information criteria (galpak compare)
#
# A file may use the names declared in its own layer and the layers below it, never one declared
# in a layer above. The names of a layer are its top-level, non-private declarations (types,
# typealiases, functions, constants); a file "uses" one when the name stands as a whole word
# in its code (comments are ignored). A folder missing from the list above is an error too.
# Exits 1 and lists every reach upwards (file:line: name (layer)) when there is one, else 0.
# Usage: scripts/check-layers.sh [library folder, default Sources/GalPaK]
set -euo pipefail

layers=(Core Numerics Cube Model Instrument Likelihood Sampler Maps Fit Output Plot Simulation Pipeline Batch Dataset Compare)
root=${1:-"$(cd "$(dirname "$0")/.." && pwd)/Sources/GalPaK"}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

status=0
for dir in "$root"/*/; do
    folder=$(basename "$dir")
    if [[ " ${layers[*]} " != *" $folder "* ]]; then
        echo "check-layers: $root/$folder is not a known layer; add it to the list in $0" >&2
        status=1
    fi
done

# The names each layer declares, one "name layer" per line.
declared='^(@[A-Za-z]+ )*((public|internal|package|open|final|indirect|nonisolated) )*(struct|enum|class|protocol|actor|typealias|func|let|var) +[A-Za-z_][A-Za-z0-9_]*'
for layer in "${layers[@]}"; do
    [[ -d "$root/$layer" ]] || continue
    grep -hoE "$declared" "$root/$layer"/*.swift | awk -v layer="$layer" '{ print $NF, layer }'
done > "$work/names"

for ((i = 0; i < ${#layers[@]}; i++)); do
    layer=${layers[i]}
    [[ -d "$root/$layer" ]] || continue
    # The names of every layer above this one.
    above=" ${layers[*]:i+1} "
    awk -v above="$above" 'index(above, " " $2 " ") { print $1 }' "$work/names" > "$work/above"
    [[ -s "$work/above" ]] || continue
    for file in "$root/$layer"/*.swift; do
        sed -E 's#//.*$##' "$file" | { grep -nowF -f "$work/above" || true; } | while IFS=: read -r line name; do
            owner=$(awk -v n="$name" '$1 == n { print $2; exit }' "$work/names")
            echo "${file#"$root"/}:$line: $name ($owner, above $layer)"
        done
    done
done | awk '!seen[$0]++' > "$work/upward"

if [[ -s "$work/upward" ]]; then
    echo "check-layers: these files use names of a higher layer (order: ${layers[*]}):" >&2
    cat "$work/upward" >&2
    status=1
fi
exit $status
