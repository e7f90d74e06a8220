//! `draft` without process start-up: load the embedded phrasebook, parse an example outline,
//! plan and render, many times; prints the mean and best time per draft and per stage.
//! Run with `cargo bench --bench draft`.

use std::path::Path;
use std::time::{Duration, Instant};

use jianggao::draft::{Format, Renderer, plan};
use jianggao::outline::Outline;
use jianggao::phrasebook::Phrasebook;

fn main() {
    phrasebook_parts();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for example in ["examples/welcome.yaml", "examples/symposium.yaml"] {
        let path = root.join(example);
        let runs = 200;
        let mut stages = [Duration::ZERO; 4];
        let mut best = Duration::MAX;
        for _ in 0..runs {
            let t0 = Instant::now();
            let pb = Phrasebook::load(&[]).unwrap();
            let t1 = Instant::now();
            let outline = Outline::load(&path).unwrap();
            let t2 = Instant::now();
            let draft = plan(&outline, &pb, 0, outline.rate.unwrap_or(180)).unwrap();
            let t3 = Instant::now();
            let text = Renderer::new(None).unwrap().render(&draft, Format::Text).unwrap();
            let t4 = Instant::now();
            std::hint::black_box(text);
            for (s, d) in stages.iter_mut().zip([t1 - t0, t2 - t1, t3 - t2, t4 - t3]) {
                *s += d;
            }
            best = best.min(t4 - t0);
        }
        let ms = |d: Duration| d.as_secs_f64() * 1000.0 / runs as f64;
        let total: Duration = stages.iter().sum();
        println!(
            "{example}: {:.2} ms/draft (best {:.2} ms) = phrasebook {:.2} + outline {:.2} + plan {:.2} + render {:.2}",
            ms(total),
            best.as_secs_f64() * 1000.0,
            ms(stages[0]),
            ms(stages[1]),
            ms(stages[2]),
            ms(stages[3]),
        );
    }
}

/// Where phrasebook loading goes: the typed serde parse and the location maps, per whole folder.
fn phrasebook_parts() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("phrasebook");
    let mut texts = Vec::new();
    for entry in std::fs::read_dir(&root).unwrap() {
        let p = entry.unwrap().path();
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        if name.ends_with(".yaml") && !name.starts_with('_') {
            texts.push(std::fs::read_to_string(&p).unwrap());
        }
    }
    let runs = 100;
    // Best of `runs`: the machine is shared, the minimum is the stable figure.
    let time = |f: &dyn Fn()| {
        (0..runs)
            .map(|_| {
                let t = Instant::now();
                f();
                t.elapsed()
            })
            .min()
            .unwrap()
            .as_secs_f64()
            * 1000.0
    };
    let serde = time(&|| {
        for t in &texts {
            std::hint::black_box(serde_yaml::from_str::<Vec<jianggao::phrasebook::Point>>(t).unwrap());
        }
    });
    let map = time(&|| {
        for t in &texts {
            std::hint::black_box(jianggao::yaml::YamlMap::build(t));
        }
    });
    let shallow = time(&|| {
        for t in &texts {
            std::hint::black_box(jianggao::yaml::YamlMap::build_to_depth(t, 2));
        }
    });
    let checked = time(&|| {
        for t in &texts {
            std::hint::black_box(jianggao::phrasebook::parse_points(t, Path::new("x.yaml")).unwrap());
        }
    });
    println!(
        "phrasebook/ (best): serde {serde:.2} ms, full location map {map:.2} ms, shallow map {shallow:.2} ms; \
         checked parse {checked:.2} ms"
    );
}
