#!/usr/bin/python3
"""The same map as `levelmap --dataset=england-2019 --weight=imd.income=30
--export-map=out.png --level=lsoa --size=1600x2000`, made the way a Python
analyst would: geopandas reads the LSOA polygons and the IMD ranks, the IMD
is recomputed with the income weight at 30, ranked, cut into quantiles and
plotted with matplotlib at 1600x2000 pixels. Run by bench/whole-process.sh
as the peer for the whole-process benchmark."""
import sys

import geopandas as gpd
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

data, out = sys.argv[1], sys.argv[2]
shapes = gpd.read_file(f"{data}/boundaries/lsoa11.shp")
ranks = pd.read_csv(f"{data}/imd2019_lsoa11_ranks.csv")
domains = {
    "Income": 30, "Employment": 22.5, "Education, Skills and Training": 13.5,
    "Health Deprivation and Disability": 13.5, "Crime": 9.3,
    "Barriers to Housing and Services": 9.3, "Living Environment": 9.3,
}
n = len(ranks)
score = np.zeros(n)
for name, weight in domains.items():
    r = (n - ranks[f"{name} Rank (where 1 is most deprived)"].to_numpy() + 1) / n
    score += weight * -23 * np.log(1 - r * (1 - np.exp(-100 / 23)))
ranks["imd_score"] = 0.999 * score / sum(domains.values())
merged = shapes.merge(ranks, left_on="LSOA11CD", right_on="LSOA code (2011)")
fig = plt.figure(figsize=(16, 20), dpi=100)
ax = fig.add_axes([0, 0, 1, 1])
ax.set_axis_off()
# Quantile classes as the Levelmap default (mapclassify is not packaged
# for Debian 12, so pandas cuts them).
merged.plot(column=pd.qcut(merged["imd_score"], 5, labels=False), cmap="viridis_r",
            linewidth=0, ax=ax, legend=False)
fig.savefig(out, dpi=100)
