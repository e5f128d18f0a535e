# The same map as `levelmap --dataset=england-2019 --weight=imd.income=30
# --export-map=out.png --level=lsoa --size=1600x2000`, the way an R analyst
# makes it with sf: read the LSOA polygons and the IMD ranks, recompute
# the IMD with the income weight at 30, join, cut into five quantile
# classes and plot to a 1600x2000 PNG. Run by bench/whole-process.sh as
# the peer of the whole-process benchmark (Debian: r-cran-sf).
# Usage: Rscript bench/peer_sf.R DATA_DIR/england-2019 OUT.png
args <- commandArgs(trailingOnly = TRUE)
suppressPackageStartupMessages(library(sf))
data <- args[1]; out <- args[2]
shapes <- st_read(file.path(data, "boundaries/lsoa11.shp"), quiet = TRUE)
ranks <- read.csv(file.path(data, "imd2019_lsoa11_ranks.csv"), check.names = FALSE)
w <- c("Income" = 30, "Employment" = 22.5, "Education, Skills and Training" = 13.5,
       "Health Deprivation and Disability" = 13.5, "Crime" = 9.3,
       "Barriers to Housing and Services" = 9.3, "Living Environment" = 9.3)
n <- nrow(ranks)
score <- 0
for (d in names(w)) {
  r <- (n - ranks[[paste0(d, " Rank (where 1 is most deprived)")]] + 1) / n
  score <- score + w[[d]] * -23 * log(1 - r * (1 - exp(-100 / 23)))
}
ranks$imd_score <- 0.999 * score / sum(w)
m <- merge(shapes, ranks, by.x = "LSOA11CD", by.y = "LSOA code (2011)")
cls <- cut(m$imd_score, quantile(m$imd_score, 0:5 / 5), include.lowest = TRUE, labels = FALSE)
png(out, width = 1600, height = 2000)
par(mar = c(0, 0, 0, 0))
plot(st_geometry(m), col = hcl.colors(5, "viridis", rev = TRUE)[cls], border = NA)
invisible(dev.off())
