"""Every resource method, sync and async, against a mock (in-process or over HTTP).

Used by test_resources.py with both backends. The mock serves pages of 2 items, so the lists
below are walked across several pages; its clock is manual, so the waiters finish at once.
"""

from __future__ import annotations

import base64
import io
import zipfile
from typing import Any

import httpx
from huhu_client.models import (
    CompletedPart,
    CreatedProject,
    CreditHistoryItem,
    FirstFrameImageId,
    GenerationRequest,
    GenerationStatus,
    ImageUploadResult,
    Message,
    ModelAttributes,
    ModelImageList,
    ModelList,
    MultipartUploadInit,
    PoseDetail,
    PoseGenerationRequest,
    PoseLibrary,
    PoseList,
    Program,
    ProgramList,
    ProjectDetail,
    ProjectSummary,
    SavedModelImage,
    Sku,
    SkuList,
    TaskDetail,
    TaskList,
    UpscaleStatus,
    UpscaleSubmitted,
    VideoRequest,
    VideoSubmitted,
)
from PIL import Image

from huhu_ext import AsyncHuhu, Huhu, InsufficientBudgetError
from huhu_ext.testing import _Controls

PAGE_SIZE = 2
CREDITS = 1000


def png(rgb: tuple[int, int, int] = (180, 40, 40)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (24, 32), rgb).save(out, format="PNG")
    return out.getvalue()


def b64png(rgb: tuple[int, int, int] = (180, 40, 40)) -> str:
    return base64.b64encode(png(rgb)).decode()


def sku_zip(names: list[str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for i, name in enumerate(names):
            archive.writestr(f"{name}/front.png", png((10 * i, 90, 90)))
    return out.getvalue()


def put_parts(init: MultipartUploadInit, data: bytes) -> list[CompletedPart]:
    size = -(-len(data) // len(init.upload_urls))
    if isinstance(init.part_size, int) and init.part_size > 0:
        size = init.part_size
    parts = []
    with httpx.Client() as files:
        for number, url in enumerate(init.upload_urls, start=1):
            answer = files.put(url, content=data[(number - 1) * size : number * size])
            assert answer.status_code == 200, answer.text
            parts.append(CompletedPart(part_number=number, e_tag=answer.headers["ETag"]))
    return parts


def run_sync(huhu: Huhu, mock: _Controls) -> dict[str, Any]:
    """Call every sync resource method; returns what the test asserts on afterwards."""
    seen: dict[str, Any] = {}
    mock.set_credits(CREDITS)
    # metering
    plan = huhu.metering.plan()
    assert plan.credits_ == CREDITS and plan.concurrent_requests >= 1
    # programs: 3 new ones plus the default, across pages of 2
    for name in ("a", "b", "c"):
        created = huhu.programs.create(program_name=f"brand {name}")
        assert created.program_name == f"brand {name}"
    programs = huhu.programs.list(owned=True)
    names = [p.program_name for p in programs]
    assert all(isinstance(p, Program) for p in programs)
    assert {"brand a", "brand b", "brand c"} <= set(names)
    pages = list(programs.pages())
    assert len(pages) >= 2 and all(isinstance(p, ProgramList) for p in pages)
    assert isinstance(programs.first_page(), ProgramList)
    # projects
    created = huhu.projects.create(project_name="spring")
    assert isinstance(created, CreatedProject) and isinstance(created.project_id, str)
    project = huhu.projects.retrieve(created.project_id)
    assert isinstance(project, ProjectDetail)
    for extra in ("summer", "autumn"):
        huhu.projects.create(project_name=extra)
    listed = list(huhu.projects.list())
    assert all(isinstance(p, ProjectSummary) for p in listed) and len(listed) == 3
    assert project.project_id in [p.project_id for p in listed]
    assert huhu.projects.retrieve(project.project_id).project_name == "spring"
    upload = huhu.projects.upload(
        project_id=project.project_id, file_type="garment_image", file_data=b64png(), sku_name="red"
    )
    assert isinstance(upload, ImageUploadResult) and isinstance(upload.sku_id, str)
    data = sku_zip(["blue", "green"])
    init = huhu.projects.start_multipart_upload(project_id=project.project_id, file_size=len(data))
    assert isinstance(init, MultipartUploadInit) and init.upload_urls
    done = huhu.projects.complete_upload(
        project_id=project.project_id, key=init.key, upload_id=init.upload_id, parts=put_parts(init, data)
    )
    assert isinstance(done, Message)
    # skus: three across two pages
    skus = list(huhu.skus.list(project.project_id))
    assert all(isinstance(s, Sku) for s in skus)
    assert sorted(s.sku_name for s in skus) == ["blue", "green", "red"]
    assert len(list(huhu.skus.list(project.project_id).pages())) == 2
    one = huhu.skus.retrieve(project.project_id, upload.sku_id)
    assert isinstance(one, SkuList) and [s.sku_id for s in one.skus] == [upload.sku_id]
    assert isinstance(huhu.skus.update(sku_ids=[upload.sku_id], garment_type="Top"), Message)
    # models
    models = huhu.models.list()
    assert isinstance(models, ModelList) and models.models
    images = huhu.models.images(models.models[0].model_id)
    assert isinstance(images, ModelImageList) and images.model_images
    model_image = images.model_images[0]
    mine = huhu.models.create(
        model_name="Ada", model_type="Women", attributes=ModelAttributes(age_range="Young Adult")
    )
    assert mine.success and isinstance(mine.model_id, str)
    before = huhu.metering.plan().credits_
    face_price = huhu.models.generate_face.estimate(prompt="freckles", num_output_images=2)
    assert (face_price.operation_id, face_price.credits) == ("generate_face", 2)
    face = huhu.models.generate_face(prompt="freckles", num_output_images=2, max_credits=2)
    assert isinstance(face, GenerationRequest)
    assert huhu.metering.plan().credits_ == before - face_price.credits
    status = huhu.models.retrieve_generation(face.request_id)
    assert isinstance(status, GenerationStatus)
    finished = huhu.models.wait_generation(face.request_id)
    assert finished.status == "Generation Completed" and len(finished.images_generated) == 2
    assert huhu.models.generate_image.estimate(prompt="studio").credits == 1
    generated = huhu.models.generate_image(prompt="studio", max_credits=1)
    assert isinstance(generated, GenerationRequest)
    huhu.models.wait_generation(generated.request_id)
    saved = huhu.models.save_image(model_id=mine.model_id, style_id="studio", file_data=b64png((1, 2, 3)))
    assert isinstance(saved, SavedModelImage) and saved.success
    assert huhu.models.generate_pose.estimate(prompt="walking", reference_image="x").credits == 2
    pose_job = huhu.models.generate_pose(
        prompt="walking", reference_image=model_image.model_image_id, max_credits=2
    )
    assert isinstance(pose_job, PoseGenerationRequest)
    assert huhu.models.wait_generation(pose_job.request_id).status == "Generation Completed"
    # poses
    library = huhu.poses.library(model_category="Women")
    assert isinstance(library, PoseLibrary)
    assert huhu.poses.create.estimate(reference_image=b64png(), pose_title="wave").credits == 2
    pose = huhu.poses.create(reference_image=b64png(), pose_title="wave", max_credits=2)
    assert pose.pose_title == "wave"
    poses = huhu.poses.list()
    assert isinstance(poses, PoseList) and pose.pose_id in [p.pose_id for p in poses.poses]
    detail = huhu.poses.retrieve(pose.pose_id)
    assert isinstance(detail, PoseDetail) and detail.title == "wave"
    # tasks
    assert isinstance(huhu.tasks.create(project_id=project.project_id, sku_ids=[upload.sku_id]), Message)
    tasks = huhu.tasks.list(project_id=project.project_id)
    assert isinstance(tasks, TaskList)
    task = next(t for s in tasks.skus if s.sku_id == upload.sku_id for t in s.tasks)
    huhu.tasks.update(
        project_id=project.project_id,
        sku_id=upload.sku_id,
        task_id=task.task_id,
        model_image=model_image.model_image_id,
    )
    cost = huhu.tasks.generate.estimate(
        project_id=project.project_id, task_ids=[task.task_id], num_output_images=2
    )
    assert cost.credits == 4
    refused_at = huhu.metering.plan().credits_
    try:
        huhu.tasks.generate(
            project_id=project.project_id, task_ids=[task.task_id], num_output_images=2, max_credits=3
        )
    except InsufficientBudgetError as refused:
        assert (refused.credits_required, refused.max_credits) == (4, 3)
    else:  # pragma: no cover - the assertion below names the failure
        raise AssertionError("max_credits=3 did not refuse a 4-credit request")
    assert huhu.metering.plan().credits_ == refused_at  # nothing was sent
    huhu.tasks.generate(
        project_id=project.project_id, task_ids=[task.task_id], num_output_images=2, max_credits=4
    )
    assert huhu.metering.plan().credits_ == refused_at - 4
    results = huhu.tasks.wait([task.task_id], project_id=project.project_id)
    assert list(results) == [task.task_id] and len(results[task.task_id].output) == 2
    retrieved = huhu.tasks.retrieve(task.task_id, project_id=project.project_id, sku_id=upload.sku_id)
    assert isinstance(retrieved, TaskDetail) and retrieved.task_status == "Generation completed"
    # upscale
    output = retrieved.output[0]
    assert huhu.upscale.create.estimate(image=output.image_url, num_images=1).credits == 2
    upscale = huhu.upscale.create(image=b64png(), upscale_factor=2.0, max_credits=2)
    assert isinstance(upscale, UpscaleSubmitted)
    assert isinstance(huhu.upscale.retrieve(upscale.request_id), UpscaleStatus)
    upscaled = huhu.upscale.wait(upscale.request_id)
    assert upscaled.status == "success" and upscaled.result_urls
    # video
    video_args: dict[str, Any] = {
        "project_id": project.project_id,
        "sku_id": upload.sku_id,
        "video_length": "5",
        "prompt": "turns slowly",
        "first_frame_image": FirstFrameImageId(image_id=output.image_id),
        "source_task_id": task.task_id,
    }
    assert huhu.video.create.estimate(**video_args).credits == 25
    video = huhu.video.create(**video_args, max_credits=25)
    assert isinstance(video, VideoSubmitted)
    requests = list(huhu.video.list())
    assert all(isinstance(r, VideoRequest) for r in requests)
    assert video.request_id in [r.request_id for r in requests]
    assert huhu.video.wait(video.request_id).request_status == "Generation completed"
    # credit history: one entry per spend, across pages of 2
    history = list(huhu.metering.credit_history())
    assert all(isinstance(h, CreditHistoryItem) for h in history)
    assert len(history) >= 7 and len(list(huhu.metering.credit_history().pages())) >= 4
    assert sum(h.credits_ for h in history) == CREDITS - huhu.metering.plan().credits_
    seen["operations"] = sorted({h.operation for h in history})
    return seen


async def run_async(huhu: AsyncHuhu, mock: _Controls) -> dict[str, Any]:
    """Call every async resource method (the same surface as :func:`run_sync`)."""
    seen: dict[str, Any] = {}
    mock.set_credits(CREDITS)
    plan = await huhu.metering.plan()
    assert plan.credits_ == CREDITS
    for name in ("a", "b", "c"):
        await huhu.programs.create(program_name=f"brand {name}")
    programs = [p async for p in huhu.programs.list(owned=True)]
    assert {"brand a", "brand b", "brand c"} <= {p.program_name for p in programs}
    assert len([page async for page in huhu.programs.list().pages()]) >= 2
    assert isinstance(await huhu.programs.list().first_page(), ProgramList)
    created = await huhu.projects.create(project_name="spring")
    assert isinstance(created.project_id, str)
    project = await huhu.projects.retrieve(created.project_id)
    for extra in ("summer", "autumn"):
        await huhu.projects.create(project_name=extra)
    assert len([p async for p in huhu.projects.list()]) == 3
    assert (await huhu.projects.retrieve(project.project_id)).project_name == "spring"
    upload = await huhu.projects.upload(
        project_id=project.project_id, file_type="garment_image", file_data=b64png(), sku_name="red"
    )
    assert isinstance(upload.sku_id, str)
    data = sku_zip(["blue", "green"])
    init = await huhu.projects.start_multipart_upload(project_id=project.project_id, file_size=len(data))
    await huhu.projects.complete_upload(
        project_id=project.project_id, key=init.key, upload_id=init.upload_id, parts=put_parts(init, data)
    )
    skus = [s async for s in huhu.skus.list(project.project_id)]
    assert sorted(s.sku_name for s in skus) == ["blue", "green", "red"]
    one = await huhu.skus.retrieve(project.project_id, upload.sku_id)
    assert [s.sku_id for s in one.skus] == [upload.sku_id]
    await huhu.skus.update(sku_ids=[upload.sku_id], garment_type="Top")
    models = await huhu.models.list()
    images = await huhu.models.images(models.models[0].model_id)
    model_image = images.model_images[0]
    mine = await huhu.models.create(model_name="Ada", model_type="Women")
    assert mine.success
    assert huhu.models.generate_face.estimate(prompt="freckles", num_output_images=2).credits == 2
    face = await huhu.models.generate_face(prompt="freckles", num_output_images=2, max_credits=2)
    assert isinstance(await huhu.models.retrieve_generation(face.request_id), GenerationStatus)
    assert (await huhu.models.wait_generation(face.request_id)).status == "Generation Completed"
    generated = await huhu.models.generate_image(prompt="studio", max_credits=1)
    await huhu.models.wait_generation(generated.request_id)
    saved = await huhu.models.save_image(
        model_id=mine.model_id, style_id="studio", file_data=b64png((1, 2, 3))
    )
    assert saved.success
    pose_job = await huhu.models.generate_pose(prompt="walking", reference_image=model_image.model_image_id)
    await huhu.models.wait_generation(pose_job.request_id)
    assert isinstance(await huhu.poses.library(), PoseLibrary)
    pose = await huhu.poses.create(reference_image=b64png(), pose_title="wave", max_credits=2)
    assert pose.pose_id in [p.pose_id for p in (await huhu.poses.list()).poses]
    assert (await huhu.poses.retrieve(pose.pose_id)).title == "wave"
    await huhu.tasks.create(project_id=project.project_id, sku_ids=[upload.sku_id])
    tasks = await huhu.tasks.list(project_id=project.project_id)
    task = next(t for s in tasks.skus if s.sku_id == upload.sku_id for t in s.tasks)
    await huhu.tasks.update(
        project_id=project.project_id,
        sku_id=upload.sku_id,
        task_id=task.task_id,
        model_image=model_image.model_image_id,
    )
    spent_before = (await huhu.metering.plan()).credits_
    try:
        await huhu.tasks.generate(project_id=project.project_id, task_ids=[task.task_id], max_credits=1)
    except InsufficientBudgetError as refused:
        assert refused.credits_required == 2
    else:  # pragma: no cover
        raise AssertionError("max_credits=1 did not refuse a 2-credit request")
    assert (await huhu.metering.plan()).credits_ == spent_before
    await huhu.tasks.generate(project_id=project.project_id, task_ids=[task.task_id])
    results = await huhu.tasks.wait([task.task_id], project_id=project.project_id)
    assert len(results[task.task_id].output) == 1
    retrieved = await huhu.tasks.retrieve(task.task_id, project_id=project.project_id, sku_id=upload.sku_id)
    assert retrieved.task_status == "Generation completed"
    upscale = await huhu.upscale.create(image=b64png(), max_credits=2)
    assert isinstance(await huhu.upscale.retrieve(upscale.request_id), UpscaleStatus)
    assert (await huhu.upscale.wait(upscale.request_id)).status == "success"
    video = await huhu.video.create(
        project_id=project.project_id,
        sku_id=upload.sku_id,
        video_length="5",
        prompt="turns slowly",
        first_frame_image=FirstFrameImageId(image_id=retrieved.output[0].image_id),
    )
    assert video.request_id in [r.request_id async for r in huhu.video.list()]
    assert (await huhu.video.wait(video.request_id)).request_status == "Generation completed"
    history = [h async for h in huhu.metering.credit_history()]
    assert sum(h.credits_ for h in history) == CREDITS - (await huhu.metering.plan()).credits_
    seen["operations"] = sorted({h.operation for h in history})
    return seen


ALL_SPENDING = ["face_gen", "model_gen", "pose_gen", "pose_prompt", "tryon_gen", "upscale", "video_gen"]
